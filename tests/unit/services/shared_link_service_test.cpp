#include "domain/ids.hpp"
#include "service_fixture.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

using namespace lightbox;
using namespace lightbox::testing;
using namespace std::chrono_literals;

namespace {

/// Alice owns three photos, bob one. By `file_created_at`, oldest first: third (test3,
/// 2012-12-22), second (test2, 2012-12-23), first (test1, 2013-02-06).
struct link_fixture : service_fixture {
    link_fixture()
        : first(upload(alice, "test1.jpg")), second(upload(alice, "test2.jpg")),
          third(upload(alice, "test3.jpg")), bobs(upload(bob, "Bush-dog.jpg")) {}

    shared_link_view individual(const caller& who, std::vector<std::string> asset_ids) {
        new_shared_link request;
        request.asset_ids = std::move(asset_ids);
        return links.create(who, request);
    }

    std::string make_album(const caller& who, std::vector<std::string> asset_ids) {
        new_album request;
        request.album_name = "holidays";
        request.asset_ids = std::move(asset_ids);
        return albums.create(who, request).entity.id;
    }

    shared_link_view for_album(const caller& who, const std::string& album_id) {
        new_shared_link request;
        request.type = shared_link_type::album;
        request.album_id = album_id;
        return links.create(who, request);
    }

    std::string first;
    std::string second;
    std::string third;
    std::string bobs;
};

std::optional<std::optional<std::string>> clear_text() {
    return std::optional<std::string>();
}

} // namespace

BOOST_AUTO_TEST_SUITE(shared_link_service_rules)

BOOST_FIXTURE_TEST_CASE(create_applies_the_immich_defaults, link_fixture) {
    const auto created = individual(alice, {first});
    const auto& link = created.link;
    BOOST_TEST(is_uuid_v4(link.id));
    BOOST_TEST(link.user_id == alice.id());
    BOOST_TEST((link.type == shared_link_type::individual));
    BOOST_TEST(link.key.size() == 50u);
    BOOST_TEST(!link.allow_upload);
    BOOST_TEST(link.allow_download);
    BOOST_TEST(link.show_exif);
    BOOST_TEST(!link.expires_at.has_value());
    BOOST_TEST(!link.description.has_value());
    BOOST_TEST(!link.album_id.has_value());
    BOOST_TEST(!created.album.has_value());
    BOOST_TEST(ids_of(created.assets) == std::vector<std::string>{first});

    // What was answered is what was stored.
    const auto stored = links.get(alice, link.id);
    BOOST_TEST(stored.link.key == link.key);
    BOOST_TEST(iso(stored.link.created_at) == iso(link.created_at));
    BOOST_TEST(stored.link.allow_download);
    BOOST_TEST(!stored.link.allow_upload);

    BOOST_TEST(individual(alice, {first}).link.key != link.key);
}

BOOST_FIXTURE_TEST_CASE(create_keeps_the_flags_and_text_given, link_fixture) {
    new_shared_link request;
    request.asset_ids = {second, first, second};
    request.description = "Für Oma 👵 '; DROP TABLE shared_link; --";
    request.expires_at = now() + 24h;
    request.allow_upload = true;
    request.allow_download = false;
    request.show_exif = false;
    const auto created = links.create(alice, request);

    const auto stored = links.get(alice, created.link.id);
    BOOST_TEST(stored.link.description.value_or("") == *request.description);
    BOOST_TEST(iso(stored.link.expires_at) == iso(request.expires_at));
    BOOST_TEST(stored.link.allow_upload);
    BOOST_TEST(!stored.link.allow_download);
    BOOST_TEST(!stored.link.show_exif);
    // A repeated id is shared once; the assets come oldest first.
    BOOST_TEST(ids_of(stored.assets) == (std::vector<std::string>{second, first}));
}

BOOST_FIXTURE_TEST_CASE(an_album_link_needs_an_album_of_the_caller, link_fixture) {
    new_shared_link request;
    request.type = shared_link_type::album;
    BOOST_TEST(failure_of([&] { links.create(alice, request); }) == "bad_request: Invalid albumId");

    request.album_id = make_album(bob, {bobs});
    BOOST_TEST(failure_of([&] { links.create(alice, request); }) ==
               "bad_request: Not found or no album.share access");

    request.album_id = new_uuid();
    BOOST_TEST(failure_of([&] { links.create(alice, request); }) ==
               "bad_request: Not found or no album.share access");
    BOOST_TEST(links.list(alice).empty());
}

BOOST_FIXTURE_TEST_CASE(an_album_link_shows_the_album_and_its_assets, link_fixture) {
    const auto album_id = make_album(alice, {first, third});
    BOOST_TEST(!albums.get(alice, album_id, false).has_shared_link);

    const auto created = for_album(alice, album_id);
    BOOST_TEST((created.link.type == shared_link_type::album));
    BOOST_TEST(created.link.album_id.value_or("") == album_id);
    BOOST_REQUIRE(created.album.has_value());
    BOOST_TEST(created.album->entity.id == album_id);
    BOOST_TEST(created.album->owner.id == alice.id());
    BOOST_TEST(created.album->asset_count == 2);
    BOOST_TEST(created.album->assets.empty());
    BOOST_TEST(ids_of(created.assets) == (std::vector<std::string>{third, first}));
    BOOST_TEST(albums.get(alice, album_id, false).has_shared_link);
}

BOOST_FIXTURE_TEST_CASE(an_individual_link_needs_assets_all_of_the_caller, link_fixture) {
    BOOST_TEST(failure_of([&] { individual(alice, {}); }) == "bad_request: Invalid assetIds");
    BOOST_TEST(failure_of([&] {
                   individual(alice, {first, bobs, second});
               }) == "bad_request: Not found or no asset.share access");
    BOOST_TEST(failure_of([&] {
                   individual(alice, {first, new_uuid()});
               }) == "bad_request: Not found or no asset.share access");
    BOOST_TEST(links.list(alice).empty());
    BOOST_TEST(links.list(bob).empty());
}

BOOST_FIXTURE_TEST_CASE(update_changes_exactly_the_fields_present, link_fixture) {
    new_shared_link request;
    request.asset_ids = {first};
    request.description = "first words";
    request.expires_at = now() + 48h;
    const auto created = links.create(alice, request).link;

    shared_link_patch upload_only;
    upload_only.allow_upload = true;
    const auto answered = links.update(alice, created.id, upload_only);
    BOOST_TEST(answered.link.allow_upload);
    BOOST_TEST(ids_of(answered.assets) == std::vector<std::string>{first});

    auto stored = links.get(alice, created.id).link;
    BOOST_TEST(stored.allow_upload);
    BOOST_TEST(stored.allow_download);
    BOOST_TEST(stored.show_exif);
    BOOST_TEST(stored.description.value_or("") == "first words");
    BOOST_TEST(iso(stored.expires_at) == iso(request.expires_at));

    shared_link_patch describe_only;
    describe_only.description = std::optional<std::string>("Ünïcödé 🎉");
    describe_only.show_exif = false;
    links.update(alice, created.id, describe_only);
    stored = links.get(alice, created.id).link;
    BOOST_TEST(stored.description.value_or("") == "Ünïcödé 🎉");
    BOOST_TEST(!stored.show_exif);
    BOOST_TEST(stored.allow_upload);
    BOOST_TEST(iso(stored.expires_at) == iso(request.expires_at));

    shared_link_patch clear;
    clear.description = clear_text();
    clear.expires_at = std::optional<timestamp>();
    links.update(alice, created.id, clear);
    stored = links.get(alice, created.id).link;
    BOOST_TEST(!stored.description.has_value());
    BOOST_TEST(!stored.expires_at.has_value());
    BOOST_TEST(stored.allow_upload);
    BOOST_TEST(!stored.show_exif);
    BOOST_TEST(stored.key == created.key);
    BOOST_TEST(iso(stored.created_at) == iso(created.created_at));

    // An empty patch changes nothing.
    links.update(alice, created.id, {});
    const auto unchanged = links.get(alice, created.id).link;
    BOOST_TEST(!unchanged.description.has_value());
    BOOST_TEST(unchanged.allow_upload);
    BOOST_TEST(!unchanged.show_exif);
}

BOOST_FIXTURE_TEST_CASE(update_answers_the_whole_link_with_its_album, link_fixture) {
    const auto album_id = make_album(alice, {second});
    const auto created = for_album(alice, album_id);
    shared_link_patch patch;
    patch.allow_download = false;
    const auto answered = links.update(alice, created.link.id, patch);
    BOOST_TEST(!answered.link.allow_download);
    BOOST_REQUIRE(answered.album.has_value());
    BOOST_TEST(answered.album->entity.id == album_id);
    BOOST_TEST(ids_of(answered.assets) == std::vector<std::string>{second});
}

BOOST_FIXTURE_TEST_CASE(get_shows_link_assets_then_album_assets_each_once, link_fixture) {
    const auto album_id = make_album(alice, {second, third});
    const auto link_id = for_album(alice, album_id).link.id;
    // No service puts assets of its own into an album link; the store can hold them.
    {
        auto work = db->begin(access_mode::write);
        work->shared_links().add_asset(link_id, first);
        work->shared_links().add_asset(link_id, third);
        work->commit();
    }

    const auto view = links.get(alice, link_id);
    BOOST_TEST(ids_of(view.assets) == (std::vector<std::string>{third, first, second}));
    BOOST_REQUIRE(view.album.has_value());
    BOOST_TEST(view.album->asset_count == 2);

    // Each asset comes with its EXIF.
    for (const auto& each : view.assets) {
        BOOST_TEST_CONTEXT("asset " << each.id) {
            BOOST_REQUIRE(each.exif.has_value());
            BOOST_TEST(each.exif->make.value_or("") == "Apple");
        }
    }
}

BOOST_FIXTURE_TEST_CASE(add_assets_answers_each_id_in_request_order, link_fixture) {
    const auto link_id = individual(alice, {first}).link.id;
    const auto unknown = new_uuid();
    const std::vector<std::string> request{second, first, bobs, unknown, second, third, unknown};

    const auto results = links.add_assets(alice, link_id, request);
    BOOST_TEST(ids_of(results) == request);
    BOOST_TEST(outcomes_of(results) ==
               (std::vector<std::string>{"success", "duplicate", "no_permission", "no_permission",
                                         "duplicate", "success", "no_permission"}));
    BOOST_TEST(ids_of(links.get(alice, link_id).assets) ==
               (std::vector<std::string>{third, second, first}));

    // Adding them again: every one is a duplicate now.
    const auto again = links.add_assets(alice, link_id, {first, second, third});
    BOOST_TEST(outcomes_of(again) ==
               (std::vector<std::string>{"duplicate", "duplicate", "duplicate"}));
}

BOOST_FIXTURE_TEST_CASE(remove_assets_answers_each_id_in_request_order, link_fixture) {
    const auto link_id = individual(alice, {first, second}).link.id;
    const std::vector<std::string> request{first, third, first, new_uuid(), bobs};

    const auto results = links.remove_assets(alice, link_id, request);
    BOOST_TEST(ids_of(results) == request);
    BOOST_TEST(
        outcomes_of(results) ==
        (std::vector<std::string>{"success", "not_found", "not_found", "not_found", "not_found"}));
    BOOST_TEST(ids_of(links.get(alice, link_id).assets) == std::vector<std::string>{second});
    // The asset itself is untouched.
    BOOST_TEST(assets.get(alice, first).id == first);
}

BOOST_FIXTURE_TEST_CASE(an_album_link_takes_no_assets, link_fixture) {
    const auto link_id = for_album(alice, make_album(alice, {first})).link.id;
    BOOST_TEST(failure_of([&] { links.add_assets(alice, link_id, {second}); }) ==
               "bad_request: Invalid shared link type");
    BOOST_TEST(failure_of([&] { links.remove_assets(alice, link_id, {first}); }) ==
               "bad_request: Invalid shared link type");
    BOOST_TEST(ids_of(links.get(alice, link_id).assets) == std::vector<std::string>{first});
}

BOOST_FIXTURE_TEST_CASE(get_mine_is_for_guests_only, link_fixture) {
    const auto created = individual(alice, {first, second});
    BOOST_TEST(failure_of([&] { links.get_mine(alice); }) == "forbidden: Forbidden [bare]");

    const auto mine = links.get_mine(guest(created.link));
    BOOST_TEST(mine.link.id == created.link.id);
    BOOST_TEST(ids_of(mine.assets) == (std::vector<std::string>{second, first}));

    // A guest whose link was removed meanwhile is no guest any more.
    const auto visitor = guest(created.link);
    links.remove(alice, created.link.id);
    BOOST_TEST(failure_of([&] { links.get_mine(visitor); }) == "unauthorized: Invalid share key");
}

BOOST_FIXTURE_TEST_CASE(another_users_link_is_not_found, link_fixture) {
    const auto link_id = individual(alice, {first}).link.id;
    const auto not_found = "bad_request: Shared link not found";
    shared_link_patch patch;
    patch.description = std::optional<std::string>("bob was here");

    BOOST_TEST(failure_of([&] { links.get(bob, link_id); }) == not_found);
    BOOST_TEST(failure_of([&] { links.update(bob, link_id, patch); }) == not_found);
    BOOST_TEST(failure_of([&] { links.remove(bob, link_id); }) == not_found);
    BOOST_TEST(failure_of([&] { links.add_assets(bob, link_id, {bobs}); }) == not_found);
    BOOST_TEST(failure_of([&] { links.remove_assets(bob, link_id, {first}); }) == not_found);
    BOOST_TEST(failure_of([&] { links.get(alice, new_uuid()); }) == not_found);
    BOOST_TEST(links.list(bob).empty());

    const auto untouched = links.get(alice, link_id);
    BOOST_TEST(!untouched.link.description.has_value());
    BOOST_TEST(ids_of(untouched.assets) == std::vector<std::string>{first});
}

BOOST_FIXTURE_TEST_CASE(list_shows_the_callers_links_newest_first, link_fixture) {
    std::vector<std::string> created;
    for (const auto& id : {first, second, third}) {
        created.push_back(individual(alice, {id}).link.id);
        // Creation instants are kept to the millisecond.
        std::this_thread::sleep_for(3ms);
    }
    individual(bob, {bobs});

    std::vector<std::string> listed;
    for (const auto& view : links.list(alice)) {
        listed.push_back(view.link.id);
        BOOST_TEST(view.assets.size() == 1u);
    }
    BOOST_TEST(listed == (std::vector<std::string>{created[2], created[1], created[0]}));
    BOOST_TEST(links.list(bob).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(deleting_an_asset_takes_it_out_of_every_link, link_fixture) {
    const auto one = individual(alice, {first, second}).link.id;
    const auto two = individual(alice, {first}).link.id;

    const auto deleted = assets.remove(alice, {first});
    BOOST_TEST(deleted.size() == 1u);
    BOOST_TEST(deleted.front().deleted);

    BOOST_TEST(ids_of(links.get(alice, one).assets) == std::vector<std::string>{second});
    BOOST_TEST(links.get(alice, two).assets.empty());
    // A link left empty still removes cleanly.
    links.remove(alice, two);
    BOOST_TEST(links.list(alice).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
