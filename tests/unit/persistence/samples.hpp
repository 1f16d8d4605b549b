#pragma once

#include "domain/entities/album.hpp"
#include "domain/entities/asset.hpp"
#include "domain/entities/credentials.hpp"
#include "domain/entities/shared_link.hpp"
#include "domain/entities/user.hpp"
#include "domain/ports/store.hpp"

#include <soci/soci.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lightbox::testing {

/// A store on a fresh, empty database, removed afterwards: an SQLite file in its own
/// temporary folder or, when `LIGHTBOX_TEST_POSTGRES` is set, a new PostgreSQL database.
/// That variable is a URL with `{database}` where the database name goes, such as
/// `postgresql://lightbox@/{database}?host=/run/postgresql`; the suite then runs against
/// PostgreSQL and its user needs the CREATEDB privilege.
struct store_fixture {
    store_fixture();
    ~store_fixture();

    bool is_sqlite() const { return !postgres_database_.has_value(); }
    /// A session on the same database outside the store, for what no repository offers.
    std::unique_ptr<soci::session> raw_session() const;

    std::string url;
    std::shared_ptr<store> db;

    /// Opens a write unit of work, runs `body` on it and commits.
    template <typename Body>
    void write(Body body) {
        auto work = db->begin(access_mode::write);
        body(*work);
        work->commit();
    }

private:
    std::filesystem::path dir_;
    std::optional<std::string> postgres_database_;
};

timestamp at(const std::string& iso);

/// Entities with every optional field empty; the ids are fresh UUIDs.
user sample_user(const std::string& email);
asset sample_asset(const std::string& owner_id, const std::string& checksum);
album sample_album(const std::string& owner_id, const std::string& name);
shared_link sample_link(const std::string& user_id);
user_session sample_session(const std::string& user_id);
api_key sample_api_key(const std::string& user_id);

/// EXIF with every field known, unicode and SQL metacharacters in the text.
exif_info full_exif();

void check_same(const user& expected, const user& actual);
void check_same(const asset& expected, const asset& actual);
void check_same(const exif_info& expected, const exif_info& actual);
void check_same(const album& expected, const album& actual);
void check_same(const shared_link& expected, const shared_link& actual);

} // namespace lightbox::testing
