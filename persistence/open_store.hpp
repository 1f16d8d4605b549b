#pragma once

#include "domain/ports/store.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace lightbox {

struct database_settings {
    /// `sqlite:/path/to/lightbox.db` (the default kind) or a PostgreSQL connection string
    /// `postgresql://user:password@host:port/dbname`.
    std::string url;
    /// How many database sessions are kept open; one per worker thread is enough.
    std::size_t pool_size = 4;
};

/// Opens the database, creates or migrates its schema to the current version and returns
/// the store the services use. Throws when the database cannot be opened or migrated.
std::shared_ptr<store> open_store(const database_settings& settings);

} // namespace lightbox
