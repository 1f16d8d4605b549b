// The owner's view of a link (`GET /shared-link/:id`) is served from a cache: every kind of
// committed change must reach the owner's next request, nobody else is ever given the
// owner's view, and a change to one link leaves the other links' cached views in place.
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

std::vector<std::string> asset_ids(const json::value& view) {
    std::vector<std::string> ids;
    for (const auto& each : view.at("assets").as_array()) {
        ids.push_back(text(each, "id"));
    }
    return ids;
}

struct owner_view_fixture {
    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app");
    account stranger = server.create_user(admin, "stranger@immich.app");
    std::string first = server.upload(owner, "test1.jpg");
    std::string second = server.upload(owner, "test2.jpg");
    std::string album_id = server.create_album(owner, "cached", {first});
    json::object album_link =
        server.create_link(owner, {{"type", "ALBUM"}, {"albumId", album_id}});
    json::object single_link =
        server.create_link(owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{second}}});

    static std::string path_of(const json::object& link) {
        return "/api/shared-link/" + text(link, "id");
    }
    const test_client& client() { return server.client(); }

    /// The owner's view of `link` as the cache holds it; empty when it holds none.
    std::string cached(const json::object& link) {
        const auto view = server.app().link_views.find_owner_view(text(link, "id"), owner.id);
        return view ? view->json : std::string{};
    }

    /// Reads the owner's view twice: the first answer is kept, the second is sent from it.
    json::value owner_view(const json::object& link) {
        const auto first_read = client().get(path_of(link), owner.auth());
        BOOST_REQUIRE_EQUAL(first_read.status, 200);
        BOOST_REQUIRE_EQUAL(cached(link), first_read.body);
        const auto second_read = client().get(path_of(link), owner.auth());
        BOOST_REQUIRE_EQUAL(second_read.status, 200);
        BOOST_TEST(second_read.body == first_read.body);
        return second_read.json();
    }
    json::value album_view() { return owner_view(album_link); }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(owner_view_cache, owner_view_fixture)

BOOST_AUTO_TEST_CASE(a_cached_view_has_the_bytes_of_a_fresh_one) {
    album_view();
    const auto patched = client().patch(path_of(album_link), {{"description", "same bytes"}},
                                        owner.auth());
    BOOST_REQUIRE_EQUAL(patched.status, 200);
    BOOST_TEST(cached(album_link).empty());
    // PATCH answers with a view built afresh, never cached: the cache must match it exactly.
    album_view();
    BOOST_TEST(cached(album_link) == patched.body);
}

BOOST_AUTO_TEST_CASE(a_patch_of_the_link_is_seen_at_once) {
    BOOST_TEST(album_view().at("description").is_null());
    client().patch(path_of(album_link), {{"description", "new"}}, owner.auth());
    BOOST_TEST(album_view().at("description").as_string() == "new");

    client().patch(path_of(album_link), {{"showExif", false}, {"allowDownload", false}},
                   owner.auth());
    const auto hidden = album_view();
    BOOST_TEST(!hidden.at("showExif").as_bool());
    BOOST_TEST(!hidden.at("allowDownload").as_bool());
    // The owner still sees what guests of the link no longer do.
    BOOST_TEST(hidden.at("assets").as_array()[0].as_object().contains("exifInfo"));

    // An expired link is still the owner's to read.
    client().patch(path_of(album_link), {{"expiresAt", "2001-01-01T00:00:00.000Z"}},
                   owner.auth());
    BOOST_TEST(album_view().at("expiresAt").as_string() == "2001-01-01T00:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(album_changes_are_seen_at_once) {
    BOOST_TEST(asset_ids(album_view()) == std::vector<std::string>{first});
    client().put("/api/album/" + album_id + "/assets", {{"ids", json::array{second}}},
                 owner.auth());
    auto view = album_view();
    BOOST_TEST(asset_ids(view).size() == 2u);
    BOOST_TEST(view.at("album").at("assetCount").as_int64() == 2);

    client().patch("/api/album/" + album_id, {{"albumName", "renamed"}}, owner.auth());
    BOOST_TEST(album_view().at("album").at("albumName").as_string() == "renamed");

    client().del("/api/album/" + album_id + "/assets", owner.auth(),
                 R"({"ids":[")" + first + R"("]})");
    view = album_view();
    BOOST_TEST(asset_ids(view) == std::vector<std::string>{second});
    BOOST_TEST(view.at("album").at("assetCount").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(sharing_the_album_with_a_user_is_seen_at_once) {
    const auto before = text(album_view().at("album"), "updatedAt");
    // Times have milliseconds: let the clock move on, so that the change shows.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto shared = client().put("/api/album/" + album_id + "/users",
                                     {{"sharedUserIds", json::array{stranger.id}}}, owner.auth());
    BOOST_REQUIRE_EQUAL(shared.status, 200);
    const auto after = text(shared.json(), "updatedAt");
    BOOST_TEST(after != before);
    BOOST_TEST(text(album_view().at("album"), "updatedAt") == after);
}

BOOST_AUTO_TEST_CASE(a_guest_upload_into_the_album_is_seen_at_once) {
    client().patch(path_of(album_link), {{"allowUpload", true}}, owner.auth());
    BOOST_TEST(asset_ids(album_view()).size() == 1u);
    const auto uploaded =
        server.upload_bytes(with_share_key(text(album_link, "key")), "test3.jpg",
                            read_file(fixture("test3.jpg")), "guest-upload");
    BOOST_REQUIRE_EQUAL(uploaded.status, 201);
    const auto view = album_view();
    BOOST_TEST(asset_ids(view).size() == 2u);
    BOOST_TEST(view.at("album").at("assetCount").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(asset_changes_are_seen_at_once) {
    BOOST_TEST(!album_view().at("assets").as_array()[0].at("isFavorite").as_bool());
    client().put("/api/asset/" + first, {{"isFavorite", true}}, owner.auth());
    BOOST_TEST(album_view().at("assets").as_array()[0].at("isFavorite").as_bool());

    client().del("/api/asset", owner.auth(), R"({"ids":[")" + first + R"("]})");
    const auto view = album_view();
    BOOST_TEST(asset_ids(view).empty());
    BOOST_TEST(view.at("album").at("assetCount").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(link_assets_and_deletion_are_seen_at_once) {
    const auto path = path_of(single_link);
    BOOST_TEST(asset_ids(owner_view(single_link)) == std::vector<std::string>{second});
    client().put(path + "/assets", {{"assetIds", json::array{first}}}, owner.auth());
    BOOST_TEST(asset_ids(owner_view(single_link)).size() == 2u);
    client().del(path + "/assets", owner.auth(), R"({"assetIds":[")" + second + R"("]})");
    BOOST_TEST(asset_ids(owner_view(single_link)) == std::vector<std::string>{first});

    BOOST_REQUIRE_EQUAL(client().del(path, owner.auth()).status, 200);
    const auto gone = client().get(path, owner.auth());
    BOOST_TEST(gone.status == 400);
    BOOST_TEST(text(gone.json(), "message") == "Shared link not found");
    BOOST_TEST(cached(single_link).empty());
}

BOOST_AUTO_TEST_CASE(deleting_the_album_takes_its_link_at_once) {
    album_view();
    client().del("/api/album/" + album_id, owner.auth());
    BOOST_TEST(client().get(path_of(album_link), owner.auth()).status == 400);
    BOOST_TEST(cached(album_link).empty());
}

BOOST_AUTO_TEST_CASE(nobody_else_is_given_the_owners_view) {
    const auto guest = with_share_key(text(album_link, "key"));
    const auto stranger_before = client().get(path_of(album_link), stranger.auth());
    const auto admin_before = client().get(path_of(album_link), admin.auth());
    const auto guest_before = client().get(path_of(album_link), guest);

    album_view();
    const auto stranger_after = client().get(path_of(album_link), stranger.auth());
    BOOST_TEST(stranger_after.status == 400);
    BOOST_TEST(text(stranger_after.json(), "message") == "Shared link not found");
    BOOST_TEST(stranger_after.body == stranger_before.body);
    const auto admin_after = client().get(path_of(album_link), admin.auth());
    BOOST_TEST(admin_after.status == 400);
    BOOST_TEST(admin_after.body == admin_before.body);
    const auto guest_after = client().get(path_of(album_link), guest);
    BOOST_TEST(guest_after.status == 403);
    BOOST_TEST(guest_after.body == guest_before.body);
}

BOOST_AUTO_TEST_CASE(a_deleted_owner_leaves_nothing_cached) {
    album_view();
    BOOST_REQUIRE_EQUAL(client().del("/api/user/" + owner.id, admin.auth()).status, 200);
    BOOST_TEST(cached(album_link).empty());
    BOOST_TEST(client().get(path_of(album_link), owner.auth()).status == 401);
}

BOOST_AUTO_TEST_CASE(a_change_to_one_link_leaves_the_others_cached) {
    const auto single_id = text(single_link, "id");
    owner_view(single_link);
    const auto single_body = cached(single_link);
    BOOST_REQUIRE(client().get("/api/shared-link/me?key=" + text(single_link, "key")).status ==
                  200);
    BOOST_REQUIRE(server.app().link_views.find_guest_view(single_id));
    album_view();

    client().patch(path_of(album_link), {{"description", "only this one"}}, owner.auth());
    client().patch("/api/album/" + album_id, {{"albumName", "renamed"}}, owner.auth());
    BOOST_TEST(cached(album_link).empty());
    BOOST_TEST(cached(single_link) == single_body);
    BOOST_TEST(server.app().link_views.find_guest_view(single_id) != nullptr);
}

BOOST_AUTO_TEST_CASE(every_patch_is_seen_by_the_next_read_while_others_read) {
    // Readers keep loading the view while another client keeps changing the link in ways
    // the check below ignores, so that loads are always under way across each PATCH. A
    // load that raced with a change must never be kept, or the read right after a PATCH
    // would show the description from before it.
    std::atomic<bool> done = false;
    std::vector<std::string> failures(3);
    std::vector<std::thread> others;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        others.emplace_back([&, i] {
            try {
                for (bool flag = false; !done; flag = !flag) {
                    if (i == 0) {
                        client().patch(path_of(album_link), {{"allowDownload", flag}},
                                       owner.auth());
                    } else {
                        client().get(path_of(album_link), owner.auth());
                    }
                }
            } catch (const std::exception& error) {
                failures[i] = error.what();
            }
        });
    }
    std::vector<std::string> expected;
    std::vector<std::string> seen;
    for (int round = 0; round < 100; ++round) {
        expected.push_back("round " + std::to_string(round));
        client().patch(path_of(album_link), {{"description", expected.back()}}, owner.auth());
        const auto read = client().get(path_of(album_link), owner.auth());
        seen.push_back(read.status == 200 ? text(read.json(), "description") : read.body);
    }
    done = true;
    for (auto& other : others) {
        other.join();
    }
    BOOST_TEST(failures == std::vector<std::string>(3), boost::test_tools::per_element());
    BOOST_TEST(seen == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
