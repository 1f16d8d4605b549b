#pragma once

#include "persistence/sql/bound_values.hpp"

#include <soci/soci.h>

#include <functional>
#include <string>

namespace lightbox::sql {

/// Prepares `query` with the row variables `bind_row` registers (`statement.exchange(into(…))`
/// in column order) and with `values`, runs it, and calls `on_row` after each row is read.
void for_each_row(soci::session& session, const std::string& query, const bound_values& values,
                  const std::function<void(soci::statement&)>& bind_row,
                  const std::function<void()>& on_row);

/// Runs a statement that returns no rows.
void run(soci::session& session, const std::string& query, const bound_values& values);

} // namespace lightbox::sql
