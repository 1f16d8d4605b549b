#include "samples.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

std::vector<std::string> ids_of(const std::vector<shared_link>& links) {
    std::vector<std::string> ids;
    for (const auto& link : links) {
        ids.push_back(link.id);
    }
    return ids;
}

struct link_fixture : store_fixture {
    link_fixture() {
        for (int i = 0; i < 3; ++i) {
            auto a = sample_asset(owner.id, "bGluaw" + std::to_string(i));
            a.file_created_at = at("201" + std::to_string(9 - i) + "-01-01T00:00:00.000Z");
            photos.push_back(a);
        }
        photos[1].exif = full_exif();
        write([&](unit_of_work& work) {
            work.users().insert(owner);
            for (const auto& a : photos) {
                work.assets().insert(a);
            }
        });
    }

    user owner = sample_user("owner@example.com");
    /// Newest first: photos[2] is the oldest.
    std::vector<asset> photos;
};

} // namespace

BOOST_AUTO_TEST_SUITE(shared_link_repository)

BOOST_FIXTURE_TEST_CASE(a_link_with_no_optional_fields_round_trips, link_fixture) {
    const auto link = sample_link(owner.id);
    write([&](unit_of_work& work) { work.shared_links().insert(link); });

    auto work = db->begin(access_mode::read);
    check_same(link, work->shared_links().find_by_id(link.id).value());
    const auto by_key = work->shared_links().find_by_key(link.key);
    BOOST_REQUIRE(by_key);
    BOOST_TEST(by_key->id == link.id);
    BOOST_TEST(by_key->key.size() == 50u);
    BOOST_TEST(!work->shared_links().find_by_key(std::string(50, 'x')));
    BOOST_TEST(!work->shared_links().find_by_id("no-such-link"));
}

BOOST_FIXTURE_TEST_CASE(a_link_with_every_field_set_round_trips_and_updates, link_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    auto link = sample_link(owner.id);
    link.type = shared_link_type::album;
    link.album_id = trip.id;
    link.description = "Für Oma 👵 '; DROP TABLE shared_link; --";
    link.expires_at = at("2030-12-31T23:59:59.999Z");
    link.allow_upload = true;
    link.allow_download = false;
    link.show_exif = false;
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.shared_links().insert(link);
    });
    {
        auto work = db->begin(access_mode::read);
        check_same(link, work->shared_links().find_by_key(link.key).value());
    }

    link.description.reset();
    link.expires_at.reset();
    link.allow_upload = false;
    link.allow_download = true;
    link.show_exif = true;
    write([&](unit_of_work& work) { work.shared_links().update(link); });
    auto work = db->begin(access_mode::read);
    check_same(link, work->shared_links().find_by_id(link.id).value());
}

BOOST_FIXTURE_TEST_CASE(a_duplicate_key_is_refused, link_fixture) {
    const auto link = sample_link(owner.id);
    write([&](unit_of_work& work) { work.shared_links().insert(link); });

    auto copy = sample_link(owner.id);
    copy.key = link.key;
    auto work = db->begin(access_mode::write);
    BOOST_CHECK_THROW(work->shared_links().insert(copy), soci::soci_error);
}

BOOST_FIXTURE_TEST_CASE(links_list_newest_first, link_fixture) {
    auto older = sample_link(owner.id);
    older.created_at = at("2023-01-01T00:00:00.000Z");
    auto newer = sample_link(owner.id);
    newer.created_at = at("2023-03-01T00:00:00.000Z");
    auto middle = sample_link(owner.id);
    middle.created_at = at("2023-02-01T00:00:00.000Z");
    write([&](unit_of_work& work) {
        for (const auto& link : {older, newer, middle}) {
            work.shared_links().insert(link);
        }
    });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(ids_of(work->shared_links().list_by_user(owner.id)) ==
                   (std::vector{newer.id, middle.id, older.id}),
               boost::test_tools::per_element());
    BOOST_TEST(work->shared_links().list_by_user("someone-else").empty());
}

BOOST_FIXTURE_TEST_CASE(assets_are_added_once_listed_oldest_first_and_removed, link_fixture) {
    const auto link = sample_link(owner.id);
    write([&](unit_of_work& work) {
        work.shared_links().insert(link);
        work.shared_links().add_asset(link.id, photos[0].id);
        work.shared_links().add_asset(link.id, photos[1].id);
        work.shared_links().add_asset(link.id, photos[2].id);
        work.shared_links().add_asset(link.id, photos[0].id);
    });
    {
        auto work = db->begin(access_mode::read);
        BOOST_TEST(work->shared_links().asset_ids(link.id) ==
                       (std::vector{photos[2].id, photos[1].id, photos[0].id}),
                   boost::test_tools::per_element());
        const auto assets = work->shared_links().assets(link.id);
        BOOST_REQUIRE(assets.size() == 3u);
        check_same(photos[1], assets[1]);
    }

    write([&](unit_of_work& work) {
        BOOST_TEST(work.shared_links().remove_asset(link.id, photos[1].id));
        BOOST_TEST(!work.shared_links().remove_asset(link.id, photos[1].id));
        BOOST_TEST(!work.shared_links().remove_asset(link.id, "unknown"));
    });
    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->shared_links().asset_ids(link.id) == (std::vector{photos[2].id, photos[0].id}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(removing_an_asset_takes_it_out_of_every_link, link_fixture) {
    const auto first = sample_link(owner.id);
    const auto second = sample_link(owner.id);
    write([&](unit_of_work& work) {
        for (const auto& link : {first, second}) {
            work.shared_links().insert(link);
            work.shared_links().add_asset(link.id, photos[0].id);
            work.shared_links().add_asset(link.id, photos[1].id);
        }
    });
    write([&](unit_of_work& work) { work.assets().remove(photos[0].id); });

    auto work = db->begin(access_mode::read);
    for (const auto& link : {first, second}) {
        BOOST_TEST(work->shared_links().asset_ids(link.id) == std::vector{photos[1].id},
                   boost::test_tools::per_element());
    }
}

BOOST_FIXTURE_TEST_CASE(removing_a_link_keeps_its_assets, link_fixture) {
    const auto link = sample_link(owner.id);
    write([&](unit_of_work& work) {
        work.shared_links().insert(link);
        work.shared_links().add_asset(link.id, photos[0].id);
    });
    write([&](unit_of_work& work) { work.shared_links().remove(link.id); });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(!work->shared_links().find_by_id(link.id));
    BOOST_TEST(work->shared_links().asset_ids(link.id).empty());
    BOOST_TEST(work->assets().find_by_id(photos[0].id).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
