#include "domain/ids.hpp"
#include "service_fixture.hpp"
#include "support/fixtures.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

/// A link of alice's for guests to upload through, and what they see of it.
struct guest_fixture : service_fixture {
    shared_link album_link(const std::string& album_id, bool allow_upload) {
        new_shared_link request;
        request.type = shared_link_type::album;
        request.album_id = album_id;
        request.allow_upload = allow_upload;
        return links.create(alice, request).link;
    }

    shared_link individual_link(const std::string& asset_id, bool allow_upload) {
        new_shared_link request;
        request.asset_ids = {asset_id};
        request.allow_upload = allow_upload;
        return links.create(alice, request).link;
    }

    std::string empty_album() {
        new_album request;
        request.album_name = "guests";
        return albums.create(alice, request).entity.id;
    }

    bool staging_is_empty() const { return std::filesystem::is_empty(staging_dir); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(asset_service_rules)

BOOST_FIXTURE_TEST_CASE(an_upload_keeps_the_file_its_checksum_and_exif, service_fixture) {
    const auto request = stage("test1.jpg");
    const auto uploaded = assets.upload(alice, request);
    BOOST_TEST(!uploaded.duplicate);
    BOOST_TEST(is_uuid_v4(uploaded.id));
    BOOST_TEST(!std::filesystem::exists(request.staged_file));

    const auto stored = assets.get(alice, uploaded.id);
    BOOST_TEST(stored.owner_id == alice.id());
    BOOST_TEST(stored.library_id == alice.actor.library_id);
    BOOST_TEST(stored.original_file_name == "test1");
    BOOST_TEST(stored.checksum ==
               std::string(expected_exif("test1.jpg").at("sha1_base64").as_string()));
    BOOST_TEST(read_file(stored.original_path) == read_file(fixture("test1.jpg")));
    BOOST_TEST(std::filesystem::path(stored.original_path).parent_path() ==
               originals_dir / alice.id());
    BOOST_REQUIRE(stored.exif.has_value());
    BOOST_TEST(stored.exif->model.value_or("") == "iPhone 4S");
    BOOST_TEST(stored.exif->file_size_in_byte.value_or(0) == 27521);
    // The photo's own date wins over the one the client sent.
    BOOST_TEST(format_iso(stored.file_created_at) == "2013-02-06T16:00:03.000Z");
}

BOOST_FIXTURE_TEST_CASE(the_same_bytes_upload_once_per_owner, service_fixture) {
    const auto first = assets.upload(alice, stage("test2.jpg"));
    const auto again = stage("test2.jpg");
    const auto second = assets.upload(alice, again);
    BOOST_TEST(second.duplicate);
    BOOST_TEST(second.id == first.id);
    BOOST_TEST(!std::filesystem::exists(again.staged_file));
    BOOST_TEST(assets.list(alice, {}).size() == 1u);
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(originals_dir / alice.id()),
                             std::filesystem::directory_iterator()) == 1);

    // Other bytes, or another owner, make another asset.
    BOOST_TEST(!assets.upload(alice, stage("test2.jpg", "salt")).duplicate);
    const auto bobs = assets.upload(bob, stage("test2.jpg"));
    BOOST_TEST(!bobs.duplicate);
    BOOST_TEST(bobs.id != first.id);
    BOOST_TEST(assets.list(alice, {}).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(an_unsupported_file_is_refused_and_its_bytes_dropped, service_fixture) {
    auto request = stage("test1.jpg");
    request.file_name = "x.txt";
    BOOST_TEST(failure_of([&] { assets.upload(alice, request); }) ==
               "bad_request: Unsupported file type x.txt");
    BOOST_TEST(!std::filesystem::exists(request.staged_file));
    BOOST_TEST(assets.list(alice, {}).empty());
}

BOOST_FIXTURE_TEST_CASE(a_guest_upload_through_an_album_link_joins_the_album, guest_fixture) {
    const auto album_id = empty_album();
    const auto visitor = guest(album_link(album_id, true));

    const auto uploaded = assets.upload(visitor, stage("test3.jpg"));
    BOOST_TEST(!uploaded.duplicate);
    BOOST_TEST(assets.get(alice, uploaded.id).owner_id == alice.id());
    const auto album = albums.get(alice, album_id, true);
    BOOST_TEST(ids_of(album.assets) == std::vector<std::string>{uploaded.id});
    // As when an asset is added to an album that has none: it becomes the thumbnail.
    BOOST_TEST(album.entity.album_thumbnail_asset_id.value_or("") == uploaded.id);
    BOOST_TEST(ids_of(links.get_mine(visitor).assets) == std::vector<std::string>{uploaded.id});

    // Bytes the owner already has: the existing asset joins the album.
    const auto owned = upload(alice, "test1.jpg");
    const auto again = assets.upload(visitor, stage("test1.jpg"));
    BOOST_TEST(again.duplicate);
    BOOST_TEST(again.id == owned);
    BOOST_TEST(albums.get(alice, album_id, false).asset_count == 2);
    BOOST_TEST(staging_is_empty());
}

BOOST_FIXTURE_TEST_CASE(a_guest_upload_through_an_individual_link_joins_the_link, guest_fixture) {
    const auto shared = upload(alice, "test1.jpg");
    const auto link = individual_link(shared, true);
    const auto visitor = guest(link);

    const auto uploaded = assets.upload(visitor, stage("test2.jpg"));
    BOOST_TEST(!uploaded.duplicate);
    BOOST_TEST(assets.get(alice, uploaded.id).owner_id == alice.id());
    const auto view = links.get(alice, link.id);
    BOOST_TEST(ids_of(view.assets) == (std::vector<std::string>{uploaded.id, shared}));
    BOOST_TEST(assets.get(visitor, uploaded.id).id == uploaded.id);
}

BOOST_FIXTURE_TEST_CASE(a_guest_without_upload_right_cannot_upload, guest_fixture) {
    const auto album_id = empty_album();
    const auto shared = upload(alice, "test1.jpg");
    for (const auto& link : {album_link(album_id, false), individual_link(shared, false)}) {
        const auto request = stage("test2.jpg");
        BOOST_TEST(failure_of([&] { assets.upload(guest(link), request); }) ==
                   "unauthorized: Unauthorized");
        BOOST_TEST(!std::filesystem::exists(request.staged_file));
    }
    BOOST_TEST(assets.list(alice, {}).size() == 1u);
    BOOST_TEST(albums.get(alice, album_id, false).asset_count == 0);
}

BOOST_FIXTURE_TEST_CASE(remove_answers_each_id_and_deletes_the_originals, service_fixture) {
    const auto mine = upload(alice, "test1.jpg");
    const auto kept = upload(alice, "test2.jpg");
    const auto bobs = upload(bob, "test3.jpg");
    const auto mine_file = assets.get(alice, mine).original_path;
    const auto bobs_file = assets.get(bob, bobs).original_path;
    const auto unknown = new_uuid();

    const auto results = assets.remove(alice, {mine, bobs, unknown, mine});
    BOOST_REQUIRE(results.size() == 4u);
    const std::vector<std::string> ids{results[0].id, results[1].id, results[2].id, results[3].id};
    BOOST_TEST(ids == (std::vector<std::string>{mine, bobs, unknown, mine}));
    BOOST_TEST(results[0].deleted);
    BOOST_TEST(!results[1].deleted);
    BOOST_TEST(!results[2].deleted);
    BOOST_TEST(!results[3].deleted);

    BOOST_TEST(!std::filesystem::exists(mine_file));
    BOOST_TEST(std::filesystem::exists(bobs_file));
    BOOST_TEST(failure_of([&] { assets.get(alice, mine); }) ==
               "bad_request: Not found or no asset.read access");
    BOOST_TEST(ids_of(assets.list(alice, {})) == std::vector<std::string>{kept});
    BOOST_TEST(assets.get(bob, bobs).id == bobs);
}

BOOST_FIXTURE_TEST_CASE(a_stranger_cannot_read_or_change_an_asset, service_fixture) {
    const auto mine = upload(alice, "test1.jpg");
    BOOST_TEST(failure_of([&] { assets.get(bob, mine); }) ==
               "bad_request: Not found or no asset.read access");
    BOOST_TEST(failure_of([&] { assets.get_for_download(bob, mine); }) ==
               "bad_request: Not found or no asset.download access");
    asset_patch patch;
    patch.is_favorite = true;
    BOOST_TEST(failure_of([&] { assets.update(bob, mine, patch); }) ==
               "bad_request: Not found or no asset.update access");
    BOOST_TEST(failure_of([&] { assets.get(alice, new_uuid()); }) ==
               "bad_request: Not found or no asset.read access");
    BOOST_TEST(!assets.get(alice, mine).is_favorite);
}

BOOST_FIXTURE_TEST_CASE(a_guest_reads_only_the_assets_of_its_link, guest_fixture) {
    const auto shared = upload(alice, "test1.jpg");
    const auto in_album = upload(alice, "test2.jpg");
    const auto other = upload(alice, "test3.jpg");
    const auto bobs = upload(bob, "Bush-dog.jpg");
    const auto no_access = "bad_request: Not found or no asset.read access";

    const auto link = individual_link(shared, false);
    const auto visitor = guest(link);
    BOOST_TEST(assets.get(visitor, shared).id == shared);
    BOOST_TEST(assets.get_for_download(visitor, shared).id == shared);
    BOOST_TEST(failure_of([&] { assets.get(visitor, in_album); }) == no_access);
    BOOST_TEST(failure_of([&] { assets.get(visitor, other); }) == no_access);
    BOOST_TEST(failure_of([&] { assets.get(visitor, bobs); }) == no_access);

    new_album request;
    request.album_name = "trip";
    request.asset_ids = {in_album};
    const auto album_id = albums.create(alice, request).entity.id;
    const auto album_visitor = guest(album_link(album_id, false));
    BOOST_TEST(assets.get(album_visitor, in_album).id == in_album);
    BOOST_TEST(failure_of([&] { assets.get(album_visitor, shared); }) == no_access);
    BOOST_TEST(albums.get(album_visitor, album_id, true).asset_count == 1);
    BOOST_TEST(failure_of([&] { albums.get(visitor, album_id, false); }) ==
               "bad_request: Not found or no album.read access");

    // Rights follow the link as it is now, even for a caller made before the change.
    links.remove_assets(alice, link.id, {shared});
    BOOST_TEST(failure_of([&] { assets.get(visitor, shared); }) == no_access);
    albums.remove_assets(alice, album_id, {in_album});
    BOOST_TEST(failure_of([&] { assets.get(album_visitor, in_album); }) == no_access);
}

BOOST_FIXTURE_TEST_CASE(a_guest_downloads_only_with_the_download_right, guest_fixture) {
    const auto shared = upload(alice, "test1.jpg");
    const auto link = individual_link(shared, false);
    shared_link_patch patch;
    patch.allow_download = false;
    links.update(alice, link.id, patch);

    const auto visitor = guest(link);
    BOOST_TEST(assets.get(visitor, shared).id == shared);
    BOOST_TEST(failure_of([&] { assets.get_for_download(visitor, shared); }) ==
               "bad_request: Not found or no asset.download access");
    BOOST_TEST(assets.get_for_download(alice, shared).id == shared);
}

BOOST_AUTO_TEST_SUITE_END()
