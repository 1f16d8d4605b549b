#pragma once

namespace lightbox::sql {

/// The database engines the store speaks to. The schema and the repositories' SQL are the
/// same for both; only connecting, locking and starting transactions differ.
enum class dialect { sqlite, postgresql };

} // namespace lightbox::sql
