#include "samples.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <algorithm>

using namespace lightbox;
using namespace lightbox::testing;

BOOST_AUTO_TEST_SUITE(user_repository)

BOOST_AUTO_TEST_CASE(a_user_with_no_optional_fields_round_trips) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    fixture.write([&](unit_of_work& work) { work.users().insert(ada); });

    auto work = fixture.db->begin(access_mode::read);
    const auto found = work->users().find_by_id(ada.id);
    BOOST_REQUIRE(found);
    check_same(ada, *found);
    BOOST_TEST(!found->is_deleted());
}

BOOST_AUTO_TEST_CASE(a_user_with_every_field_set_round_trips_and_updates) {
    store_fixture fixture;
    auto ada = sample_user("ada@example.com");
    ada.storage_label = "ada 'label'";
    ada.external_path = "/mnt/ünïcødé/'; DROP TABLE users; --";
    ada.profile_image_path = "/data/profile/ada.jpg";
    ada.should_change_password = true;
    ada.is_admin = true;
    ada.memories_enabled = false;
    ada.oauth_id = "oauth|123";
    ada.deleted_at = at("2024-01-01T00:00:00.001Z");
    fixture.write([&](unit_of_work& work) { work.users().insert(ada); });

    {
        auto work = fixture.db->begin(access_mode::read);
        const auto found = work->users().find_by_email("ada@example.com");
        BOOST_REQUIRE(found);
        check_same(ada, *found);
        BOOST_TEST(work->users().has_admin());
    }

    auto changed = ada;
    changed.email = "countess@example.com";
    changed.first_name = "Augusta";
    changed.storage_label.reset();
    changed.external_path.reset();
    changed.is_admin = false;
    changed.deleted_at.reset();
    changed.updated_at = at("2024-02-02T02:02:02.202Z");
    changed.created_at = at("2000-01-01T00:00:00.000Z");
    fixture.write([&](unit_of_work& work) { work.users().update(changed); });

    auto work = fixture.db->begin(access_mode::read);
    const auto found = work->users().find_by_id(ada.id);
    BOOST_REQUIRE(found);
    changed.created_at = ada.created_at;
    check_same(changed, *found);
    BOOST_TEST(!work->users().has_admin());
    BOOST_TEST(!work->users().find_by_email("ada@example.com"));
}

BOOST_AUTO_TEST_CASE(lists_go_newest_first_and_unknown_ids_are_skipped) {
    store_fixture fixture;
    auto older = sample_user("older@example.com");
    auto newer = sample_user("newer@example.com");
    newer.created_at = at("2023-09-09T00:00:00.000Z");
    auto deleted = sample_user("deleted@example.com");
    deleted.created_at = at("2023-05-05T00:00:00.000Z");
    deleted.deleted_at = at("2023-06-06T00:00:00.000Z");
    fixture.write([&](unit_of_work& work) {
        for (const auto& u : {older, newer, deleted}) {
            work.users().insert(u);
        }
    });

    auto work = fixture.db->begin(access_mode::read);
    const auto all = work->users().list_all();
    BOOST_REQUIRE(all.size() == 3u);
    BOOST_TEST(all[0].id == newer.id);
    BOOST_TEST(all[1].id == deleted.id);
    BOOST_TEST(all[2].id == older.id);

    auto found = work->users().find_by_ids({older.id, "no-such-id", newer.id, older.id});
    std::vector<std::string> ids;
    for (const auto& u : found) {
        ids.push_back(u.id);
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> expected{older.id, newer.id};
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(ids == expected, boost::test_tools::per_element());
    BOOST_TEST(work->users().find_by_ids({}).empty());
    BOOST_TEST(!work->users().has_admin());
}

BOOST_AUTO_TEST_CASE(a_duplicate_email_is_refused) {
    store_fixture fixture;
    fixture.write(
        [&](unit_of_work& work) { work.users().insert(sample_user("same@example.com")); });
    auto work = fixture.db->begin(access_mode::write);
    BOOST_CHECK_THROW(work->users().insert(sample_user("same@example.com")), soci::soci_error);
}

BOOST_AUTO_TEST_SUITE_END()
