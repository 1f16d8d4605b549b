#pragma once

#include "domain/entities/asset.hpp"
#include "persistence/sql/bound_values.hpp"

#include <soci/soci.h>

#include <string>
#include <vector>

namespace lightbox::sql {

/// Reads assets with their EXIF in one query: runs
/// `SELECT … FROM asset a LEFT JOIN asset_exif e ON e.asset_id = a.id <rest>`, where `rest`
/// may join more tables and filter and order by `a`'s columns.
std::vector<asset> select_assets(soci::session& session, const std::string& rest,
                                 const bound_values& values);

} // namespace lightbox::sql
