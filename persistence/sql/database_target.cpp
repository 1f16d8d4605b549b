#include "persistence/sql/database_target.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace lightbox::sql {

namespace {

constexpr int busy_timeout_ms = 10000;

database_target sqlite_target(std::string_view path) {
    if (path.empty() || path == ":memory:") {
        throw std::invalid_argument("the database URL needs an SQLite file path");
    }
    // SOCI reads a double-quoted `db` value verbatim up to the next double quote.
    if (path.find('"') != std::string_view::npos) {
        throw std::invalid_argument("an SQLite file path may not contain a double quote");
    }
    database_target target;
    target.dialect = dialect::sqlite;
    target.sqlite_file = std::filesystem::path(path);
    target.connect_string = "db=\"" + std::string(path) + "\"";
    return target;
}

void configure_sqlite(soci::session& session) {
    // First, so that the pragmas below wait for a busy database too.
    int timeout = 0;
    session << "PRAGMA busy_timeout=" + std::to_string(busy_timeout_ms), soci::into(timeout);

    std::string journal_mode;
    session << "PRAGMA journal_mode=WAL", soci::into(journal_mode);
    if (journal_mode != "wal") {
        throw std::runtime_error("SQLite refused write-ahead logging (journal mode " +
                                 journal_mode + ")");
    }
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA synchronous=FULL";
}

/// fdatasync on a descriptor of its own: SQLite keeps its descriptor to itself, and a sync
/// through any descriptor writes the file's pages.
void sync_file(const std::filesystem::path& file) {
    const int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        throw std::system_error(errno, std::generic_category(), "open " + file.string());
    }
    const int synced = ::fdatasync(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (synced != 0) {
        throw std::system_error(error, std::generic_category(), "fdatasync " + file.string());
    }
}

} // namespace

database_target parse_database_url(const std::string& url) {
    const std::string_view text(url);
    if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
        return {dialect::postgresql, url, {}};
    }
    constexpr std::string_view sqlite_scheme = "sqlite:";
    if (text.starts_with(sqlite_scheme)) {
        return sqlite_target(text.substr(sqlite_scheme.size()));
    }

    const auto colon = text.find(':');
    const auto slash = text.find('/');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
        throw std::invalid_argument("unsupported database URL scheme: " +
                                    std::string(text.substr(0, colon)));
    }
    return sqlite_target(text);
}

std::unique_ptr<soci::session> connect(const database_target& target) {
    if (target.dialect == dialect::postgresql) {
        return std::make_unique<soci::session>(soci::postgresql, target.connect_string);
    }

    const auto folder = target.sqlite_file.parent_path();
    if (!folder.empty()) {
        std::filesystem::create_directories(folder);
    }
    auto session = std::make_unique<soci::session>(soci::sqlite3, target.connect_string);
    configure_sqlite(*session);
    return session;
}

std::unique_ptr<soci::session> connect_writer(const database_target& target) {
    auto session = connect(target);
    if (target.dialect == dialect::sqlite) {
        // With write-ahead logging NORMAL still syncs around checkpoints, so the database
        // stays consistent; the commits themselves are synced by flush_after_commit.
        *session << "PRAGMA synchronous=NORMAL";
    }
    return session;
}

std::function<void()> flush_after_commit(const database_target& target) {
    if (target.dialect != dialect::sqlite) {
        return {};
    }
    auto log = target.sqlite_file;
    log += "-wal";
    return [log] { sync_file(log); };
}

} // namespace lightbox::sql
