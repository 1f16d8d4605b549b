#pragma once

#include "persistence/sql/dialect.hpp"

#include <soci/soci.h>

#include <filesystem>
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

} // namespace lightbox::sql
