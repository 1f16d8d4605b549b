#include "persistence/open_store.hpp"
#include "persistence/sql/database_target.hpp"
#include "persistence/sql/migrations.hpp"
#include "samples.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>
#include <stdexcept>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

const std::vector<std::string> tables{
    "schema_version",    "users",     "user_session",   "api_key",    "asset",
    "asset_exif",        "album",     "album_asset",    "album_user", "shared_link",
    "shared_link_asset", "event_log", "event_log_state"};

} // namespace

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(a_fresh_database_gets_the_whole_schema) {
    store_fixture fixture;
    auto session = fixture.raw_session();
    BOOST_TEST(sql::schema_version(*session) == sql::migrations().back().version);
    for (const auto& table : tables) {
        int rows = -1;
        BOOST_CHECK_NO_THROW((*session << "SELECT COUNT(*) FROM " + table, soci::into(rows)));
        const int expected = table == "schema_version" ? static_cast<int>(sql::migrations().size())
                             : table == "event_log_state" ? 1
                                                          : 0;
        BOOST_TEST(rows == expected, table);
    }

    if (fixture.is_sqlite()) {
        std::string journal_mode;
        *session << "PRAGMA journal_mode", soci::into(journal_mode);
        BOOST_TEST(journal_mode == "wal");
        int foreign_keys = 0;
        *session << "PRAGMA foreign_keys", soci::into(foreign_keys);
        BOOST_TEST(foreign_keys == 1);
    }
}

BOOST_AUTO_TEST_CASE(reopening_an_existing_database_keeps_schema_and_data) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    fixture.write([&](unit_of_work& work) { work.users().insert(ada); });
    fixture.db.reset();

    for (int i = 0; i < 2; ++i) {
        auto reopened = open_store({fixture.url, 2});
        auto work = reopened->begin(access_mode::read);
        BOOST_TEST(work->users().find_by_id(ada.id).has_value());
    }

    int rows = 0;
    *fixture.raw_session() << "SELECT COUNT(*) FROM schema_version", soci::into(rows);
    BOOST_TEST(rows == static_cast<int>(sql::migrations().size()));
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_build_is_refused) {
    store_fixture fixture;
    fixture.db.reset();
    *fixture.raw_session() << "INSERT INTO schema_version (version, applied_at) "
                              "VALUES (9999, '2030-01-01T00:00:00.000Z')";
    BOOST_CHECK_THROW(open_store({fixture.url, 1}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(database_urls_name_their_engine) {
    const auto file = sql::parse_database_url("sqlite:/var/lib/lightbox/my db.sqlite");
    BOOST_TEST((file.dialect == sql::dialect::sqlite));
    BOOST_TEST(file.sqlite_file.string() == "/var/lib/lightbox/my db.sqlite");
    BOOST_TEST(file.connect_string == "db=\"/var/lib/lightbox/my db.sqlite\"");

    BOOST_TEST(sql::parse_database_url("data/lightbox.db").sqlite_file == "data/lightbox.db");

    const auto server = sql::parse_database_url("postgresql://app:secret@db:5432/lightbox");
    BOOST_TEST((server.dialect == sql::dialect::postgresql));
    BOOST_TEST(server.connect_string == "postgresql://app:secret@db:5432/lightbox");
    BOOST_TEST((sql::parse_database_url("postgres://db/x").dialect == sql::dialect::postgresql));

    BOOST_CHECK_THROW(sql::parse_database_url("mysql://db/x"), std::invalid_argument);
    BOOST_CHECK_THROW(sql::parse_database_url("sqlite:"), std::invalid_argument);
    BOOST_CHECK_THROW(sql::parse_database_url("sqlite::memory:"), std::invalid_argument);
    BOOST_CHECK_THROW(sql::parse_database_url(""), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_sqlite_folder_is_created) {
    const auto dir = make_temp_dir("lightbox-persistence");
    const auto file = dir / "nested" / "deeper" / "lightbox.db";
    {
        auto opened = open_store({"sqlite:" + file.string(), 1});
        BOOST_TEST(std::filesystem::exists(file));
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
