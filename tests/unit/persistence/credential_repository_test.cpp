#include "samples.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

using namespace lightbox;
using namespace lightbox::testing;

BOOST_AUTO_TEST_SUITE(credential_repository)

BOOST_AUTO_TEST_CASE(sessions_are_found_by_hash_touched_and_deleted) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    const auto login = sample_session(ada.id);
    fixture.write([&](unit_of_work& work) {
        work.users().insert(ada);
        work.credentials().insert_session(login);
    });

    {
        auto work = fixture.db->begin(access_mode::read);
        const auto found = work->credentials().find_session_by_hash(login.token_hash);
        BOOST_REQUIRE(found);
        BOOST_TEST(found->id == login.id);
        BOOST_TEST(found->user_id == ada.id);
        BOOST_TEST(found->device_type == "Chrome");
        BOOST_TEST(found->device_os == "Linux");
        BOOST_TEST(format_iso(found->created_at) == format_iso(login.created_at));
        BOOST_TEST(!work->credentials().find_session_by_hash("unknown"));
    }

    fixture.write([&](unit_of_work& work) {
        work.credentials().touch_session(login.id, at("2024-04-04T04:04:04.404Z"));
    });
    {
        auto work = fixture.db->begin(access_mode::read);
        const auto found = work->credentials().find_session_by_hash(login.token_hash);
        BOOST_REQUIRE(found);
        BOOST_TEST(format_iso(found->updated_at) == "2024-04-04T04:04:04.404Z");
    }

    fixture.write([&](unit_of_work& work) { work.credentials().delete_session(login.id); });
    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(!work->credentials().find_session_by_hash(login.token_hash));
}

BOOST_AUTO_TEST_CASE(api_keys_round_trip_and_list_newest_first) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    const auto bob = sample_user("bob@example.com");
    auto old_key = sample_api_key(ada.id);
    auto new_key = sample_api_key(ada.id);
    new_key.name = "ünïcødé '; --";
    new_key.created_at = at("2023-12-12T00:00:00.000Z");
    const auto bobs_key = sample_api_key(bob.id);
    fixture.write([&](unit_of_work& work) {
        work.users().insert(ada);
        work.users().insert(bob);
        for (const auto& k : {old_key, new_key, bobs_key}) {
            work.credentials().insert_api_key(k);
        }
    });

    auto work = fixture.db->begin(access_mode::read);
    const auto listed = work->credentials().list_api_keys(ada.id);
    BOOST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].id == new_key.id);
    BOOST_TEST(listed[0].name == new_key.name);
    BOOST_TEST(listed[1].id == old_key.id);

    const auto by_hash = work->credentials().find_api_key_by_hash(bobs_key.key_hash);
    BOOST_REQUIRE(by_hash);
    BOOST_TEST(by_hash->user_id == bob.id);
    const auto by_id = work->credentials().find_api_key(old_key.id);
    BOOST_REQUIRE(by_id);
    BOOST_TEST(by_id->key_hash == old_key.key_hash);
    BOOST_TEST(format_iso(by_id->updated_at) == format_iso(old_key.updated_at));
    BOOST_TEST(!work->credentials().find_api_key("no-such-key"));
}

BOOST_AUTO_TEST_CASE(deleting_a_key_and_a_duplicate_hash) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    const auto key = sample_api_key(ada.id);
    fixture.write([&](unit_of_work& work) {
        work.users().insert(ada);
        work.credentials().insert_api_key(key);
    });

    {
        auto work = fixture.db->begin(access_mode::write);
        auto copy = sample_api_key(ada.id);
        copy.key_hash = key.key_hash;
        BOOST_CHECK_THROW(work->credentials().insert_api_key(copy), soci::soci_error);
    }

    fixture.write([&](unit_of_work& work) { work.credentials().delete_api_key(key.id); });
    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(work->credentials().list_api_keys(ada.id).empty());
}

BOOST_AUTO_TEST_SUITE_END()
