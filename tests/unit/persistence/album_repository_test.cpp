#include "samples.hpp"

#include "domain/services/album_views.hpp"
#include "domain/time.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <array>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

std::string iso(const std::optional<timestamp>& at) {
    return at ? format_iso(*at) : "null";
}

std::vector<std::string> ids_of(const std::vector<album>& albums) {
    std::vector<std::string> ids;
    for (const auto& a : albums) {
        ids.push_back(a.id);
    }
    return ids;
}

/// An owner, a friend, and three assets of the owner taken one year apart.
struct album_fixture : store_fixture {
    album_fixture() {
        for (int i = 0; i < 3; ++i) {
            auto a = sample_asset(owner.id, "YWxidW0" + std::to_string(i));
            a.file_created_at = at("202" + std::to_string(2 - i) + "-01-01T00:00:00.000Z");
            photos.push_back(a);
        }
        photos[0].exif = full_exif();
        write([&](unit_of_work& work) {
            work.users().insert(owner);
            work.users().insert(friend_);
            for (const auto& a : photos) {
                work.assets().insert(a);
            }
        });
    }

    user owner = sample_user("owner@example.com");
    user friend_ = sample_user("friend@example.com");
    /// Newest first: photos[2] is the oldest.
    std::vector<asset> photos;
};

} // namespace

BOOST_AUTO_TEST_SUITE(album_repository)

BOOST_FIXTURE_TEST_CASE(an_album_round_trips_with_and_without_a_thumbnail, album_fixture) {
    const auto plain = sample_album(owner.id, "plain");
    auto full = sample_album(owner.id, "Ünïcødé 📷 '; DROP TABLE album; --");
    full.description = "line one\nline 'two'";
    full.album_thumbnail_asset_id = photos[0].id;
    write([&](unit_of_work& work) {
        work.albums().insert(plain);
        work.albums().insert(full);
    });

    auto work = db->begin(access_mode::read);
    check_same(plain, work->albums().find_by_id(plain.id).value());
    check_same(full, work->albums().find_by_id(full.id).value());
    BOOST_TEST(!work->albums().find_by_id("no-such-album"));
}

BOOST_FIXTURE_TEST_CASE(update_writes_name_description_thumbnail_and_time, album_fixture) {
    auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) { work.albums().insert(trip); });

    trip.album_name = "Trip 2023";
    trip.description = "with friends";
    trip.album_thumbnail_asset_id = photos[1].id;
    trip.updated_at = at("2024-01-01T00:00:00.000Z");
    write([&](unit_of_work& work) { work.albums().update(trip); });
    {
        auto work = db->begin(access_mode::read);
        check_same(trip, work->albums().find_by_id(trip.id).value());
    }

    // Deleting the thumbnail's asset clears the thumbnail.
    write([&](unit_of_work& work) { work.assets().remove(photos[1].id); });
    auto work = db->begin(access_mode::read);
    BOOST_TEST(!work->albums().find_by_id(trip.id)->album_thumbnail_asset_id.has_value());
}

BOOST_FIXTURE_TEST_CASE(assets_are_added_once_and_listed_oldest_first, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().add_assets(trip.id, {photos[0].id, photos[2].id});
        work.albums().add_assets(trip.id, {photos[2].id, photos[1].id, photos[1].id});
    });

    auto work = db->begin(access_mode::read);
    auto& albums = work->albums();
    BOOST_TEST(albums.asset_figures(trip.id).count == 3);
    BOOST_TEST(albums.asset_ids(trip.id) == (std::vector{photos[2].id, photos[1].id, photos[0].id}),
               boost::test_tools::per_element());
    const auto assets = albums.assets(trip.id);
    BOOST_REQUIRE(assets.size() == 3u);
    check_same(photos[2], assets[0]);
    check_same(photos[0], assets[2]);
    BOOST_TEST(albums.contains_asset(trip.id, photos[1].id));
    BOOST_TEST(!albums.contains_asset(trip.id, "unknown"));
    BOOST_TEST(albums.asset_figures("no-such-album").count == 0);
}

BOOST_FIXTURE_TEST_CASE(figures_count_and_date_an_album_without_reading_its_assets,
                        album_fixture) {
    // Taken, modified and last updated: two tie for the latest update, and the older of
    // them is the one whose modification time counts.
    const std::vector<std::array<const char*, 3>> dates = {
        {"2022-01-01", "2022-02-01", "2024-03-01"},
        {"2020-01-01", "2020-02-01", "2023-12-01"},
        {"2022-06-01", "2022-07-01", "2024-01-01"},
        {"2021-01-01", "2021-02-01", "2024-03-01"},
    };
    std::vector<asset> taken;
    for (const auto& [created, modified, updated] : dates) {
        auto a = sample_asset(owner.id, std::string("ZmlndXJl") + created);
        a.file_created_at = at(std::string(created) + "T00:00:00.000Z");
        a.file_modified_at = at(std::string(modified) + "T00:00:00.000Z");
        a.updated_at = at(std::string(updated) + "T00:00:00.000Z");
        taken.push_back(a);
    }
    const auto trip = sample_album(owner.id, "trip");
    const auto empty = sample_album(owner.id, "empty");
    write([&](unit_of_work& work) {
        for (const auto& a : taken) {
            work.assets().insert(a);
        }
        work.albums().insert(trip);
        work.albums().insert(empty);
        work.albums().add_assets(trip.id, {taken[0].id, taken[1].id, taken[2].id, taken[3].id});
    });

    auto work = db->begin(access_mode::read);
    const auto figures = work->albums().asset_figures(trip.id);
    BOOST_TEST(figures.count == 4);
    BOOST_TEST(iso(figures.start_date) == "2020-01-01T00:00:00.000Z");
    BOOST_TEST(iso(figures.end_date) == "2022-06-01T00:00:00.000Z");
    BOOST_TEST(iso(figures.last_modified_asset_timestamp) == "2021-02-01T00:00:00.000Z");

    // The same figures as the views derive from the assets when they read them anyway.
    const auto derived = figures_of(work->albums().assets(trip.id));
    BOOST_TEST(derived.count == figures.count);
    BOOST_TEST(iso(derived.start_date) == iso(figures.start_date));
    BOOST_TEST(iso(derived.end_date) == iso(figures.end_date));
    BOOST_TEST(iso(derived.last_modified_asset_timestamp) ==
               iso(figures.last_modified_asset_timestamp));

    const auto none = work->albums().asset_figures(empty.id);
    BOOST_TEST(none.count == 0);
    BOOST_TEST(iso(none.start_date) == "null");
    BOOST_TEST(iso(none.end_date) == "null");
    BOOST_TEST(iso(none.last_modified_asset_timestamp) == "null");
}

BOOST_FIXTURE_TEST_CASE(assets_are_removed_from_an_album, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().add_assets(trip.id, {photos[0].id, photos[1].id, photos[2].id});
        work.albums().remove_assets(trip.id, {photos[0].id, "unknown", photos[2].id});
    });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->albums().asset_ids(trip.id) == std::vector{photos[1].id},
               boost::test_tools::per_element());
    // The assets themselves stay.
    BOOST_TEST(work->assets().find_by_id(photos[0].id).has_value());
}

BOOST_FIXTURE_TEST_CASE(albums_list_newest_first, album_fixture) {
    auto older = sample_album(owner.id, "older");
    older.created_at = at("2023-01-01T00:00:00.000Z");
    auto newer = sample_album(owner.id, "newer");
    newer.created_at = at("2023-02-01T00:00:00.000Z");
    const auto friends = sample_album(friend_.id, "friend's");
    write([&](unit_of_work& work) {
        for (const auto& a : {older, newer, friends}) {
            work.albums().insert(a);
        }
        work.albums().add_assets(older.id, {photos[0].id});
        work.albums().add_assets(newer.id, {photos[0].id});
        work.albums().add_shared_user(older.id, friend_.id);
        work.albums().add_shared_user(newer.id, friend_.id);
        work.albums().add_shared_user(newer.id, friend_.id);
    });

    auto work = db->begin(access_mode::read);
    auto& albums = work->albums();
    BOOST_TEST(ids_of(albums.list_owned(owner.id)) == (std::vector{newer.id, older.id}),
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(albums.list_owned(friend_.id)) == std::vector{friends.id},
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(albums.list_shared_with(friend_.id)) == (std::vector{newer.id, older.id}),
               boost::test_tools::per_element());
    BOOST_TEST(albums.list_shared_with(owner.id).empty());
    BOOST_TEST(ids_of(albums.list_containing(photos[0].id)) == (std::vector{newer.id, older.id}),
               boost::test_tools::per_element());
    BOOST_TEST(albums.list_containing(photos[1].id).empty());
    BOOST_TEST(albums.shared_user_ids(newer.id) == std::vector{friend_.id},
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(shared_users_are_removed, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().add_shared_user(trip.id, friend_.id);
    });
    write([&](unit_of_work& work) { work.albums().remove_shared_user(trip.id, friend_.id); });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->albums().shared_user_ids(trip.id).empty());
    BOOST_TEST(work->albums().list_shared_with(friend_.id).empty());
}

BOOST_FIXTURE_TEST_CASE(removing_an_album_takes_its_links_and_memberships, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    auto album_link = sample_link(owner.id);
    album_link.type = shared_link_type::album;
    album_link.album_id = trip.id;
    const auto individual_link = sample_link(owner.id);
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().add_assets(trip.id, {photos[0].id});
        work.albums().add_shared_user(trip.id, friend_.id);
        work.shared_links().insert(album_link);
        work.shared_links().insert(individual_link);
    });
    {
        auto work = db->begin(access_mode::read);
        BOOST_TEST(work->albums().has_shared_link(trip.id));
    }

    write([&](unit_of_work& work) { work.albums().remove(trip.id); });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(!work->albums().find_by_id(trip.id));
    BOOST_TEST(!work->shared_links().find_by_id(album_link.id));
    BOOST_TEST(work->shared_links().find_by_id(individual_link.id).has_value());
    BOOST_TEST(work->albums().list_shared_with(friend_.id).empty());
    BOOST_TEST(work->albums().list_containing(photos[0].id).empty());
    BOOST_TEST(work->assets().find_by_id(photos[0].id).has_value());
    BOOST_TEST(!work->albums().has_shared_link(trip.id));
}

BOOST_FIXTURE_TEST_CASE(removing_an_asset_takes_it_out_of_albums, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().add_assets(trip.id, {photos[0].id, photos[1].id});
    });
    write([&](unit_of_work& work) { work.assets().remove(photos[0].id); });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->albums().asset_ids(trip.id) == std::vector{photos[1].id},
               boost::test_tools::per_element());
    BOOST_TEST(work->albums().asset_figures(trip.id).count == 1);
}

BOOST_FIXTURE_TEST_CASE(an_unknown_asset_cannot_join_an_album, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    write([&](unit_of_work& work) { work.albums().insert(trip); });

    auto work = db->begin(access_mode::write);
    BOOST_CHECK_THROW(work->albums().add_assets(trip.id, {"no-such-asset"}), soci::soci_error);
}

BOOST_FIXTURE_TEST_CASE(hard_deleting_a_user_takes_everything_they_own, album_fixture) {
    const auto trip = sample_album(owner.id, "trip");
    const auto link = sample_link(owner.id);
    const auto login = sample_session(owner.id);
    const auto key = sample_api_key(owner.id);
    const auto friends_album = sample_album(friend_.id, "friend's");
    write([&](unit_of_work& work) {
        work.albums().insert(trip);
        work.albums().insert(friends_album);
        work.albums().add_assets(trip.id, {photos[0].id});
        work.albums().add_assets(friends_album.id, {photos[0].id});
        work.albums().add_shared_user(friends_album.id, owner.id);
        work.shared_links().insert(link);
        work.shared_links().add_asset(link.id, photos[1].id);
        work.credentials().insert_session(login);
        work.credentials().insert_api_key(key);
    });

    // Users are soft-deleted through the repository; a hard delete is plain SQL.
    *raw_session() << "DELETE FROM users WHERE id = :id", soci::use(owner.id);

    auto work = db->begin(access_mode::read);
    BOOST_TEST(!work->albums().find_by_id(trip.id));
    BOOST_TEST(!work->shared_links().find_by_id(link.id));
    BOOST_TEST(!work->credentials().find_session_by_hash(login.token_hash));
    BOOST_TEST(!work->credentials().find_api_key(key.id));
    BOOST_TEST(work->assets().find_by_ids({photos[0].id, photos[1].id, photos[2].id}).empty());
    BOOST_TEST(work->albums().find_by_id(friends_album.id).has_value());
    BOOST_TEST(work->albums().asset_figures(friends_album.id).count == 0);
    BOOST_TEST(work->albums().shared_user_ids(friends_album.id).empty());
    BOOST_TEST(work->users().find_by_id(friend_.id).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
