#include "domain/ids.hpp"
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

using namespace lightbox;
using namespace lightbox::testing;
using namespace std::chrono_literals;

namespace {

/// Alice owns three photos, bob one. By `file_created_at`, oldest first: third (test3,
/// 2012-12-22), second (test2, 2012-12-23), first (test1, 2013-02-06).
struct album_fixture : service_fixture {
    album_fixture()
        : first(upload(alice, "test1.jpg")), second(upload(alice, "test2.jpg")),
          third(upload(alice, "test3.jpg")), bobs(upload(bob, "Bush-dog.jpg")) {}

    album_view make_album(const caller& who, std::vector<std::string> asset_ids,
                          std::vector<std::string> shared_with = {}) {
        new_album request;
        request.album_name = "holidays";
        request.asset_ids = std::move(asset_ids);
        request.shared_with_user_ids = std::move(shared_with);
        auto made = albums.create(who, request);
        // Creation instants are kept to the millisecond; lists order by them.
        std::this_thread::sleep_for(3ms);
        return made;
    }

    std::optional<std::string> thumbnail(const std::string& album_id) {
        return albums.get(alice, album_id, false).entity.album_thumbnail_asset_id;
    }

    std::vector<std::string> album_ids(const album_query& query, const caller& who) {
        std::vector<std::string> ids;
        for (const auto& view : albums.list(who, query)) {
            ids.push_back(view.entity.id);
        }
        return ids;
    }

    std::string first;
    std::string second;
    std::string third;
    std::string bobs;
};

std::vector<std::string> user_ids_of(const std::vector<user>& users) {
    std::vector<std::string> ids;
    for (const auto& each : users) {
        ids.push_back(each.id);
    }
    return ids;
}

} // namespace

BOOST_AUTO_TEST_SUITE(album_service_rules)

BOOST_FIXTURE_TEST_CASE(create_refuses_assets_the_caller_does_not_own, album_fixture) {
    new_album request;
    request.album_name = "mixed";
    request.asset_ids = {first, bobs};
    BOOST_TEST(failure_of([&] { albums.create(alice, request); }) ==
               "bad_request: Not found or no asset.share access");
    request.asset_ids = {first, new_uuid()};
    BOOST_TEST(failure_of([&] { albums.create(alice, request); }) ==
               "bad_request: Not found or no asset.share access");
    BOOST_TEST(albums.list(alice, {}).empty());
}

BOOST_FIXTURE_TEST_CASE(create_takes_the_first_asset_as_thumbnail, album_fixture) {
    const auto made = make_album(alice, {second, first, second}, {bob.id()});
    BOOST_TEST(made.entity.owner_id == alice.id());
    BOOST_TEST(made.owner.id == alice.id());
    BOOST_TEST(made.entity.album_thumbnail_asset_id.value_or("") == second);
    BOOST_TEST(made.asset_count == 2);
    // Full detail: assets newest first.
    BOOST_TEST(ids_of(made.assets) == (std::vector<std::string>{first, second}));
    BOOST_TEST(user_ids_of(made.shared_users) == std::vector<std::string>{bob.id()});
    BOOST_TEST(made.shared());

    const auto empty = make_album(alice, {});
    BOOST_TEST(!empty.entity.album_thumbnail_asset_id.has_value());
    BOOST_TEST(empty.asset_count == 0);
    BOOST_TEST(!empty.shared());
}

BOOST_FIXTURE_TEST_CASE(create_checks_the_users_it_shares_with, album_fixture) {
    new_album request;
    request.album_name = "shared";
    request.shared_with_user_ids = {alice.id()};
    BOOST_TEST(failure_of([&] { albums.create(alice, request); }) ==
               "bad_request: Cannot be shared with owner");
    request.shared_with_user_ids = {new_uuid()};
    BOOST_TEST(failure_of([&] { albums.create(alice, request); }) == "bad_request: User not found");
    BOOST_TEST(albums.list(alice, {}).empty());
}

BOOST_FIXTURE_TEST_CASE(add_assets_answers_each_id_and_sets_a_thumbnail, album_fixture) {
    const auto album_id = make_album(alice, {}).entity.id;
    const auto unknown = new_uuid();
    const std::vector<std::string> request{second, second, bobs, unknown, first};

    const auto results = albums.add_assets(alice, album_id, request);
    BOOST_TEST(ids_of(results) == request);
    BOOST_TEST(outcomes_of(results) ==
               (std::vector<std::string>{"success", "duplicate", "no_permission", "no_permission",
                                         "success"}));
    BOOST_TEST(thumbnail(album_id).value_or("") == second);
    BOOST_TEST(ids_of(albums.get(alice, album_id, true).assets) ==
               (std::vector<std::string>{first, second}));

    // A later addition leaves the thumbnail alone.
    BOOST_TEST(outcomes_of(albums.add_assets(alice, album_id, {third})) ==
               std::vector<std::string>{"success"});
    BOOST_TEST(thumbnail(album_id).value_or("") == second);

    BOOST_TEST(failure_of([&] { albums.add_assets(alice, new_uuid(), {first}); }) ==
               "bad_request: Album not found");
    BOOST_TEST(failure_of([&] { albums.add_assets(bob, album_id, {bobs}); }) ==
               "bad_request: Not found or no album.read access");
}

BOOST_FIXTURE_TEST_CASE(a_shared_user_adds_only_their_own_assets, album_fixture) {
    const auto album_id = make_album(alice, {first}, {bob.id()}).entity.id;
    const auto results = albums.add_assets(bob, album_id, {bobs, second});
    BOOST_TEST(outcomes_of(results) == (std::vector<std::string>{"success", "no_permission"}));
    BOOST_TEST(albums.get(alice, album_id, false).asset_count == 2);
}

BOOST_FIXTURE_TEST_CASE(remove_assets_answers_each_id_and_moves_the_thumbnail, album_fixture) {
    const auto album_id = make_album(alice, {first, second, third}).entity.id;
    BOOST_TEST(thumbnail(album_id).value_or("") == first);

    // Removing another asset keeps the thumbnail.
    BOOST_TEST(outcomes_of(albums.remove_assets(alice, album_id, {second})) ==
               std::vector<std::string>{"success"});
    BOOST_TEST(thumbnail(album_id).value_or("") == first);

    const std::vector<std::string> request{first, first, second, new_uuid()};
    const auto results = albums.remove_assets(alice, album_id, request);
    BOOST_TEST(ids_of(results) == request);
    BOOST_TEST(outcomes_of(results) ==
               (std::vector<std::string>{"success", "not_found", "not_found", "not_found"}));
    BOOST_TEST(thumbnail(album_id).value_or("") == third);

    BOOST_TEST(outcomes_of(albums.remove_assets(alice, album_id, {third})) ==
               std::vector<std::string>{"success"});
    BOOST_TEST(!thumbnail(album_id).has_value());
    BOOST_TEST(albums.get(alice, album_id, false).asset_count == 0);
}

BOOST_FIXTURE_TEST_CASE(deleting_the_thumbnail_asset_moves_the_thumbnail, album_fixture) {
    const auto album_id = make_album(alice, {first, second, third}).entity.id;
    const auto other_id = make_album(alice, {second, first}).entity.id;
    BOOST_TEST(thumbnail(album_id).value_or("") == first);

    // Like removing it from the album: the oldest remaining asset takes over.
    assets.remove(alice, {first});
    BOOST_TEST(albums.get(alice, album_id, false).asset_count == 2);
    BOOST_TEST(thumbnail(album_id).value_or("") == third);
    BOOST_TEST(thumbnail(other_id).value_or("") == second);

    assets.remove(alice, {third, second});
    BOOST_TEST(!thumbnail(album_id).has_value());
    BOOST_TEST(!thumbnail(other_id).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_shared_user_removes_only_their_own_assets, album_fixture) {
    const auto album_id = make_album(alice, {first}, {bob.id()}).entity.id;
    albums.add_assets(bob, album_id, {bobs});
    const auto results = albums.remove_assets(bob, album_id, {first, bobs});
    BOOST_TEST(outcomes_of(results) == (std::vector<std::string>{"no_permission", "success"}));
    BOOST_TEST(ids_of(albums.get(alice, album_id, true).assets) == std::vector<std::string>{first});
}

BOOST_FIXTURE_TEST_CASE(add_users_refuses_what_cannot_be_shared, album_fixture) {
    const auto album_id = make_album(alice, {first}).entity.id;

    const auto shared = albums.add_users(alice, album_id, {bob.id()});
    BOOST_TEST(user_ids_of(shared.shared_users) == std::vector<std::string>{bob.id()});

    BOOST_TEST(failure_of([&] { albums.add_users(alice, album_id, {bob.id()}); }) ==
               "bad_request: User already added");
    BOOST_TEST(failure_of([&] { albums.add_users(alice, album_id, {alice.id()}); }) ==
               "bad_request: Cannot be shared with owner");
    BOOST_TEST(failure_of([&] { albums.add_users(alice, album_id, {new_uuid()}); }) ==
               "bad_request: User not found");
    BOOST_TEST(failure_of([&] { albums.add_users(bob, album_id, {admin.id()}); }) ==
               "bad_request: Not found or no album.share access");
    BOOST_TEST(failure_of([&] { albums.add_users(alice, new_uuid(), {admin.id()}); }) ==
               "bad_request: Not found or no album.share access");

    // One bad id spoils the whole request: the admin before it is not added either.
    BOOST_TEST(failure_of([&] {
                   albums.add_users(alice, album_id, {admin.id(), admin.id()});
               }) == "bad_request: User already added");
    BOOST_TEST(user_ids_of(albums.get(alice, album_id, false).shared_users) ==
               std::vector<std::string>{bob.id()});

    accounts.delete_user(admin, bob.id());
    const auto other = make_album(alice, {}).entity.id;
    BOOST_TEST(failure_of([&] { albums.add_users(alice, other, {bob.id()}); }) ==
               "bad_request: User not found");
}

BOOST_FIXTURE_TEST_CASE(remove_user_follows_who_may_remove_whom, album_fixture) {
    const auto album_id = make_album(alice, {first}, {bob.id(), admin.id()}).entity.id;
    const auto third_user = accounts.create_user(
        admin, {"carol@example.com", "carol-password", "carol", "Tester", {}, {}, {}});
    const auto carol = signed_in(third_user);

    BOOST_TEST(failure_of([&] { albums.remove_user(carol, album_id, "me"); }) ==
               "bad_request: Not found or no album.read access");
    BOOST_TEST(failure_of([&] { albums.remove_user(alice, album_id, "me"); }) ==
               "bad_request: Cannot remove album owner");
    BOOST_TEST(failure_of([&] { albums.remove_user(bob, album_id, alice.id()); }) ==
               "bad_request: Cannot remove album owner");
    BOOST_TEST(failure_of([&] { albums.remove_user(alice, album_id, carol.id()); }) ==
               "bad_request: Album not shared with user");
    BOOST_TEST(failure_of([&] { albums.remove_user(admin, album_id, bob.id()); }) ==
               "bad_request: Not found or no album.share access");

    // A shared user may leave.
    albums.remove_user(bob, album_id, "me");
    BOOST_TEST(failure_of([&] { albums.get(bob, album_id, false); }) ==
               "bad_request: Not found or no album.read access");

    // The owner may remove anyone shared.
    albums.remove_user(alice, album_id, admin.id());
    BOOST_TEST(albums.get(alice, album_id, false).shared_users.empty());
}

BOOST_FIXTURE_TEST_CASE(list_filters_by_sharing, album_fixture) {
    const auto own = make_album(alice, {first}).entity.id;
    const auto with_bob = make_album(alice, {second}, {bob.id()}).entity.id;
    const auto with_link = make_album(alice, {third}).entity.id;
    new_shared_link link;
    link.type = shared_link_type::album;
    link.album_id = with_link;
    links.create(alice, link);
    const auto from_bob = make_album(bob, {bobs}, {alice.id()}).entity.id;

    BOOST_TEST(album_ids({}, alice) == (std::vector<std::string>{with_link, with_bob, own}));
    BOOST_TEST(album_ids({true, {}}, alice) ==
               (std::vector<std::string>{from_bob, with_link, with_bob}));
    BOOST_TEST(album_ids({false, {}}, alice) == std::vector<std::string>{own});

    BOOST_TEST(album_ids({}, bob) == std::vector<std::string>{from_bob});
    BOOST_TEST(album_ids({true, {}}, bob) == (std::vector<std::string>{from_bob, with_bob}));
    BOOST_TEST(album_ids({false, {}}, bob).empty());

    // Albums holding an asset: only those the caller can see.
    BOOST_TEST(album_ids({{}, second}, bob) == std::vector<std::string>{with_bob});
    BOOST_TEST(album_ids({{}, first}, bob).empty());
    BOOST_TEST(album_ids({false, first}, alice) == std::vector<std::string>{own});
}

BOOST_FIXTURE_TEST_CASE(a_shared_user_reads_the_album_and_its_assets, album_fixture) {
    const auto album_id = make_album(alice, {first}, {bob.id()}).entity.id;
    BOOST_TEST(albums.get(bob, album_id, true).asset_count == 1);
    BOOST_TEST(assets.get(bob, first).id == first);
    BOOST_TEST(failure_of([&] { assets.get(bob, second); }) ==
               "bad_request: Not found or no asset.read access");
    BOOST_TEST(failure_of([&] { albums.get(admin, album_id, false); }) ==
               "bad_request: Not found or no album.read access");
    BOOST_TEST(failure_of([&] { albums.update(bob, album_id, {}); }) ==
               "bad_request: Not found or no album.update access");
    BOOST_TEST(failure_of([&] { albums.remove(bob, album_id); }) ==
               "bad_request: Not found or no album.delete access");
}

BOOST_FIXTURE_TEST_CASE(update_checks_the_thumbnail_is_in_the_album, album_fixture) {
    const auto album_id = make_album(alice, {first, second}).entity.id;
    album_patch patch;
    patch.album_thumbnail_asset_id = third;
    BOOST_TEST(failure_of([&] { albums.update(alice, album_id, patch); }) ==
               "bad_request: Invalid album thumbnail");

    patch.album_thumbnail_asset_id = second;
    patch.album_name = "renamed";
    const auto updated = albums.update(alice, album_id, patch);
    BOOST_TEST(updated.entity.album_name == "renamed");
    BOOST_TEST(thumbnail(album_id).value_or("") == second);
    BOOST_TEST(albums.get(alice, album_id, false).entity.description.empty());
}

BOOST_AUTO_TEST_SUITE_END()
