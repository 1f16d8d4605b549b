#pragma once

#include "persistence/sql/dialect.hpp"

#include <soci/soci.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace lightbox::sql {

/// Which database a URL names and how to reach it.
struct database_target {
    sql::dialect dialect = dialect::sqlite;
    /// What SOCI's backend is given: `db="<file>"` for SQLite, the URL itself for libpq.
    std::string connect_string;
    /// The database file; empty for PostgreSQL.
    std::filesystem::path sqlite_file;
};

/// Reads `sqlite:<path>`, a bare path (SQLite too), `postgresql://…` or `postgres://…`.
/// Throws `std::invalid_argument` for anything else, for an empty path and for `:memory:`,
/// which would give every pooled session a database of its own.
database_target parse_database_url(const std::string& url);

/// Opens a session. SQLite sessions get write-ahead logging, enforced foreign keys, fully
/// synchronous commits and a 10 s busy timeout, so a writer waits for another instead of
/// failing. The SQLite file's folder is created when missing.
std::unique_ptr<soci::session> connect(const database_target& target);

/// Opens the commit group's writer session. On SQLite its commits write the log without
/// waiting for the disk; `flush_after_commit` then makes them durable, outside the writer's
/// lock.
std::unique_ptr<soci::session> connect_writer(const database_target& target);

/// What makes a commit of the writer session durable: syncing SQLite's write-ahead log file
/// to disk. Empty for PostgreSQL, whose COMMIT returns once durable.
std::function<void()> flush_after_commit(const database_target& target);

} // namespace lightbox::sql
