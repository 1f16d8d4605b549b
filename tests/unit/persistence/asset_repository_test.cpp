#include "samples.hpp"

#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <algorithm>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

std::vector<std::string> ids_of(const std::vector<asset>& assets) {
    std::vector<std::string> ids;
    for (const auto& a : assets) {
        ids.push_back(a.id);
    }
    return ids;
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

struct owner_fixture : store_fixture {
    owner_fixture() {
        write([&](unit_of_work& work) { work.users().insert(owner); });
    }

    user owner = sample_user("owner@example.com");
};

} // namespace

BOOST_AUTO_TEST_SUITE(asset_repository)

BOOST_FIXTURE_TEST_CASE(an_asset_without_exif_or_optional_fields_round_trips, owner_fixture) {
    const auto photo = sample_asset(owner.id, "c2hhMQ==");
    write([&](unit_of_work& work) { work.assets().insert(photo); });

    auto work = db->begin(access_mode::read);
    const auto found = work->assets().find_by_id(photo.id);
    BOOST_REQUIRE(found);
    check_same(photo, *found);
    BOOST_TEST(!found->exif.has_value());
    BOOST_TEST(!work->assets().find_by_id("no-such-asset"));
}

BOOST_FIXTURE_TEST_CASE(an_asset_with_every_field_and_full_exif_round_trips, owner_fixture) {
    auto video = sample_asset(owner.id, "dmlkZW8=");
    video.type = asset_type::video;
    auto photo = sample_asset(owner.id, "cGhvdG8=");
    photo.type = asset_type::image;
    photo.is_favorite = true;
    photo.is_archived = true;
    photo.is_external = true;
    photo.is_offline = true;
    photo.is_read_only = true;
    photo.duration = "0:00:03.000000";
    photo.live_photo_video_id = video.id;
    photo.original_file_name = "ünïcødé '; DROP TABLE asset; --.jpg";
    photo.exif = full_exif();
    // Inserted before the video it refers to: the reference is checked at commit.
    write([&](unit_of_work& work) {
        work.assets().insert(photo);
        work.assets().insert(video);
    });

    auto work = db->begin(access_mode::read);
    const auto found = work->assets().find_by_checksum(owner.id, "cGhvdG8=");
    BOOST_REQUIRE(found);
    check_same(photo, *found);
    const auto by_device =
        work->assets().find_by_device_asset(owner.id, "phone", video.device_asset_id);
    BOOST_REQUIRE(by_device);
    check_same(video, *by_device);
    BOOST_TEST(!work->assets().find_by_checksum("someone-else", "cGhvdG8="));
}

BOOST_FIXTURE_TEST_CASE(exif_with_every_field_unknown_is_still_a_row, owner_fixture) {
    auto photo = sample_asset(owner.id, "ZW1wdHk=");
    photo.exif = exif_info{};
    write([&](unit_of_work& work) { work.assets().insert(photo); });

    auto work = db->begin(access_mode::read);
    const auto found = work->assets().find_by_id(photo.id);
    BOOST_REQUIRE(found);
    check_same(photo, *found);
}

BOOST_FIXTURE_TEST_CASE(update_writes_mutable_fields_and_replaces_exif, owner_fixture) {
    auto photo = sample_asset(owner.id, "dXBkYXRl");
    photo.exif = full_exif();
    write([&](unit_of_work& work) { work.assets().insert(photo); });

    auto changed = photo;
    changed.is_favorite = true;
    changed.is_archived = true;
    changed.file_created_at = at("2020-02-02T02:02:02.002Z");
    changed.updated_at = at("2024-01-01T00:00:00.000Z");
    changed.exif = exif_info{};
    changed.exif->city = "Paris";
    write([&](unit_of_work& work) { work.assets().update(changed); });
    {
        auto work = db->begin(access_mode::read);
        check_same(changed, work->assets().find_by_id(photo.id).value());
    }

    changed.exif.reset();
    write([&](unit_of_work& work) { work.assets().update(changed); });
    auto work = db->begin(access_mode::read);
    BOOST_TEST(!work->assets().find_by_id(photo.id).value().exif.has_value());
}

BOOST_FIXTURE_TEST_CASE(the_same_checksum_twice_for_one_owner_is_refused, owner_fixture) {
    const auto other_owner = sample_user("other@example.com");
    write([&](unit_of_work& work) {
        work.users().insert(other_owner);
        work.assets().insert(sample_asset(owner.id, "c2FtZQ=="));
        // Another owner may hold the same bytes.
        work.assets().insert(sample_asset(other_owner.id, "c2FtZQ=="));
    });

    auto work = db->begin(access_mode::write);
    BOOST_CHECK_THROW(work->assets().insert(sample_asset(owner.id, "c2FtZQ==")), soci::soci_error);
}

BOOST_FIXTURE_TEST_CASE(find_by_ids_skips_unknown_ids, owner_fixture) {
    std::vector<asset> assets;
    for (int i = 0; i < 3; ++i) {
        assets.push_back(sample_asset(owner.id, "sum" + std::to_string(i)));
    }
    assets[1].exif = full_exif();
    write([&](unit_of_work& work) {
        for (const auto& a : assets) {
            work.assets().insert(a);
        }
    });

    auto work = db->begin(access_mode::read);
    const auto found =
        work->assets().find_by_ids({assets[2].id, "unknown", assets[1].id, assets[2].id});
    BOOST_TEST(sorted(ids_of(found)) == sorted({assets[1].id, assets[2].id}),
               boost::test_tools::per_element());
    for (const auto& a : found) {
        BOOST_TEST(a.exif.has_value() == (a.id == assets[1].id));
    }
    BOOST_TEST(work->assets().find_by_ids({}).empty());
    BOOST_TEST(work->assets().find_by_ids({"unknown"}).empty());
}

BOOST_FIXTURE_TEST_CASE(find_by_ids_reads_lists_longer_than_one_query_takes, owner_fixture) {
    std::vector<std::string> ids;
    write([&](unit_of_work& work) {
        for (int i = 0; i < 1203; ++i) {
            const auto a = sample_asset(owner.id, "many" + std::to_string(i));
            work.assets().insert(a);
            ids.push_back(a.id);
        }
    });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->assets().find_by_ids(ids).size() == ids.size());
    BOOST_TEST(work->assets().owned_ids(owner.id, ids).size() == ids.size());
}

BOOST_FIXTURE_TEST_CASE(list_by_owner_goes_newest_first_and_filters, owner_fixture) {
    const auto other_owner = sample_user("other@example.com");
    auto oldest = sample_asset(owner.id, "b2xk");
    oldest.file_created_at = at("2020-01-01T00:00:00.000Z");
    oldest.updated_at = at("2023-01-01T00:00:00.000Z");
    auto middle = sample_asset(owner.id, "bWlk");
    middle.file_created_at = at("2021-01-01T00:00:00.000Z");
    middle.updated_at = at("2023-02-01T00:00:00.000Z");
    middle.is_favorite = true;
    auto newest = sample_asset(owner.id, "bmV3");
    newest.file_created_at = at("2022-01-01T00:00:00.000Z");
    newest.updated_at = at("2023-03-01T00:00:00.000Z");
    newest.is_archived = true;
    newest.exif = full_exif();
    const auto not_mine = sample_asset(other_owner.id, "b3RoZXI=");
    write([&](unit_of_work& work) {
        work.users().insert(other_owner);
        for (const auto& a : {middle, oldest, newest, not_mine}) {
            work.assets().insert(a);
        }
    });

    auto work = db->begin(access_mode::read);
    auto& assets = work->assets();
    const auto all = assets.list_by_owner(owner.id, {});
    BOOST_TEST(ids_of(all) == (std::vector{newest.id, middle.id, oldest.id}),
               boost::test_tools::per_element());
    BOOST_TEST(all[0].exif.has_value());

    asset_filter favorites;
    favorites.is_favorite = true;
    BOOST_TEST(ids_of(assets.list_by_owner(owner.id, favorites)) == std::vector{middle.id},
               boost::test_tools::per_element());

    asset_filter not_archived;
    not_archived.is_archived = false;
    BOOST_TEST(ids_of(assets.list_by_owner(owner.id, not_archived)) ==
                   (std::vector{middle.id, oldest.id}),
               boost::test_tools::per_element());

    asset_filter window;
    window.updated_after = at("2023-01-01T00:00:00.000Z");
    window.updated_before = at("2023-03-01T00:00:00.000Z");
    BOOST_TEST(ids_of(assets.list_by_owner(owner.id, window)) == std::vector{middle.id},
               boost::test_tools::per_element());

    asset_filter page;
    page.skip = 1;
    page.take = 1;
    BOOST_TEST(ids_of(assets.list_by_owner(owner.id, page)) == std::vector{middle.id},
               boost::test_tools::per_element());
    asset_filter skip_only;
    skip_only.skip = 2;
    BOOST_TEST(ids_of(assets.list_by_owner(owner.id, skip_only)) == std::vector{oldest.id},
               boost::test_tools::per_element());
    asset_filter take_only;
    take_only.take = 2;
    BOOST_TEST(assets.list_by_owner(owner.id, take_only).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(same_instant_ties_are_broken_by_id, owner_fixture) {
    std::vector<asset> twins;
    for (int i = 0; i < 4; ++i) {
        twins.push_back(sample_asset(owner.id, "twin" + std::to_string(i)));
    }
    write([&](unit_of_work& work) {
        for (const auto& a : twins) {
            work.assets().insert(a);
        }
    });

    auto work = db->begin(access_mode::read);
    auto expected = sorted(ids_of(twins));
    std::reverse(expected.begin(), expected.end());
    BOOST_TEST(ids_of(work->assets().list_by_owner(owner.id, {})) == expected,
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(device_ids_and_ownership, owner_fixture) {
    const auto other_owner = sample_user("other@example.com");
    auto first = sample_asset(owner.id, "Zmlyc3Q=");
    first.device_asset_id = "b-asset";
    auto second = sample_asset(owner.id, "c2Vjb25k");
    second.device_asset_id = "a-asset";
    auto elsewhere = sample_asset(owner.id, "ZWxzZQ==");
    elsewhere.device_id = "tablet";
    const auto not_mine = sample_asset(other_owner.id, "bm90");
    write([&](unit_of_work& work) {
        work.users().insert(other_owner);
        for (const auto& a : {first, second, elsewhere, not_mine}) {
            work.assets().insert(a);
        }
    });

    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->assets().list_device_asset_ids(owner.id, "phone") ==
                   (std::vector<std::string>{"a-asset", "b-asset"}),
               boost::test_tools::per_element());
    BOOST_TEST(work->assets().list_device_asset_ids(owner.id, "camera").empty());
    BOOST_TEST(sorted(work->assets().owned_ids(owner.id,
                                               {first.id, not_mine.id, "unknown", elsewhere.id})) ==
                   sorted({first.id, elsewhere.id}),
               boost::test_tools::per_element());
    BOOST_TEST(!work->assets().find_by_device_asset(owner.id, "phone", "zzz"));
}

BOOST_FIXTURE_TEST_CASE(removing_an_asset_removes_its_exif, owner_fixture) {
    auto photo = sample_asset(owner.id, "Z29uZQ==");
    photo.exif = full_exif();
    write([&](unit_of_work& work) { work.assets().insert(photo); });
    write([&](unit_of_work& work) { work.assets().remove(photo.id); });

    // The same id again with EXIF: an orphaned EXIF row would collide.
    write([&](unit_of_work& work) { work.assets().insert(photo); });
    auto work = db->begin(access_mode::read);
    BOOST_TEST(work->assets().find_by_id(photo.id).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
