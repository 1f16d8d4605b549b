#pragma once

#include "persistence/sql/dialect.hpp"

#include <soci/soci.h>

#include <string_view>
#include <vector>

namespace lightbox::sql {

/// One step of the schema. Its statements run in order, one SOCI call each (SQLite
/// prepares only the first statement of a string).
struct migration {
    int version;
    std::vector<std::string_view> statements;
};

/// Every migration, oldest first; the last one's version is the current schema.
const std::vector<migration>& migrations();

/// The version recorded in `schema_version`, 0 for a database without one.
int schema_version(soci::session& session);

/// Applies the migrations newer than the database's version, inside the write transaction
/// the caller has begun, so a failed step leaves the schema as it was. Throws for a
/// database from a newer build.
void migrate(soci::session& session, dialect kind);

} // namespace lightbox::sql
