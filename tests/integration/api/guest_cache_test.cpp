// Guests are served from a cache: every kind of committed change must reach the next guest
// request, however many times the guest read the link before.
#include "test_server.hpp"

#include "domain/time.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

struct cached_link_fixture {
    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app");
    std::string first = server.upload(owner, "test1.jpg");
    std::string second = server.upload(owner, "test2.jpg");
    std::string album_id = server.create_album(owner, "cached", {first});
    json::object link = server.create_link(owner, {{"type", "ALBUM"}, {"albumId", album_id}});

    /// Reads the guest view twice, so that the second answer comes from the cache.
    json::value guest_view() {
        const auto target = "/api/shared-link/me?key=" + key();
        const auto warm = server.client().get(target);
        BOOST_REQUIRE_EQUAL(warm.status, 200);
        const auto cached = server.client().get(target);
        BOOST_REQUIRE_EQUAL(cached.status, 200);
        BOOST_TEST(cached.body == warm.body);
        return cached.json();
    }

    int guest_status() { return server.client().get("/api/shared-link/me?key=" + key()).status; }
    std::string key() const { return std::string(link.at("key").as_string()); }
    std::string link_path() const {
        return "/api/shared-link/" + std::string(link.at("id").as_string());
    }
    std::vector<std::string> asset_ids(const json::value& view) {
        std::vector<std::string> ids;
        for (const auto& each : view.at("assets").as_array()) {
            ids.emplace_back(each.at("id").as_string());
        }
        return ids;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(guest_cache, cached_link_fixture)

BOOST_AUTO_TEST_CASE(a_patch_of_the_link_is_seen_at_once) {
    BOOST_TEST(guest_view().at("description").is_null());
    BOOST_TEST(server.client().patch(link_path(), {{"description", "new"}}, owner.auth()).status ==
               200);
    BOOST_TEST(guest_view().at("description").as_string() == "new");

    BOOST_TEST(guest_view().at("assets").as_array()[0].as_object().contains("exifInfo"));
    server.client().patch(link_path(), {{"showExif", false}}, owner.auth());
    BOOST_TEST(!guest_view().at("assets").as_array()[0].as_object().contains("exifInfo"));
}

BOOST_AUTO_TEST_CASE(album_changes_are_seen_at_once) {
    BOOST_TEST(asset_ids(guest_view()) == std::vector<std::string>{first});
    server.client().put("/api/album/" + album_id + "/assets", {{"ids", json::array{second}}},
                        owner.auth());
    BOOST_TEST(asset_ids(guest_view()).size() == 2u);

    server.client().patch("/api/album/" + album_id, {{"albumName", "renamed"}}, owner.auth());
    BOOST_TEST(guest_view().at("album").at("albumName").as_string() == "renamed");

    server.client().del("/api/album/" + album_id + "/assets", owner.auth(),
                        R"({"ids":[")" + first + R"("]})");
    BOOST_TEST(asset_ids(guest_view()) == std::vector<std::string>{second});
}

BOOST_AUTO_TEST_CASE(sharing_the_album_with_a_user_is_seen_at_once) {
    const auto before = std::string(guest_view().at("album").at("updatedAt").as_string());
    // Times have milliseconds: let the clock move on, so that the change shows.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto friend_ = server.create_user(admin, "friend@immich.app");
    const auto shared = server.client().put("/api/album/" + album_id + "/users",
                                            {{"sharedUserIds", json::array{friend_.id}}},
                                            owner.auth());
    BOOST_REQUIRE_EQUAL(shared.status, 200);
    const auto after = std::string(shared.json().at("updatedAt").as_string());
    BOOST_TEST(after != before);
    BOOST_TEST(guest_view().at("album").at("updatedAt").as_string() == after);
}

BOOST_AUTO_TEST_CASE(asset_changes_are_seen_at_once) {
    guest_view();
    server.client().put("/api/asset/" + first, {{"isFavorite", true}}, owner.auth());
    BOOST_TEST(guest_view().at("assets").as_array()[0].at("isFavorite").as_bool());

    server.client().del("/api/asset", owner.auth(), R"({"ids":[")" + first + R"("]})");
    BOOST_TEST(asset_ids(guest_view()).empty());
}

BOOST_AUTO_TEST_CASE(deletions_and_expiry_close_the_link_at_once) {
    guest_view();
    server.client().patch(link_path(), {{"expiresAt", "2001-01-01T00:00:00.000Z"}},
                          owner.auth());
    BOOST_TEST(guest_status() == 401);
    server.client().patch(link_path(), {{"expiresAt", nullptr}}, owner.auth());
    BOOST_TEST(guest_status() == 200);

    guest_view();
    BOOST_TEST(server.client().del("/api/user/" + owner.id, admin.auth()).status == 200);
    BOOST_TEST(guest_status() == 401);
}

BOOST_AUTO_TEST_CASE(deleting_the_album_closes_its_link_at_once) {
    guest_view();
    server.client().del("/api/album/" + album_id, owner.auth());
    BOOST_TEST(guest_status() == 401);
}

BOOST_AUTO_TEST_CASE(individual_link_assets_are_seen_at_once) {
    auto single = server.create_link(owner, {{"type", "INDIVIDUAL"},
                                             {"assetIds", json::array{first}}});
    const auto target = "/api/shared-link/me?key=" + std::string(single.at("key").as_string());
    const auto path = "/api/shared-link/" + std::string(single.at("id").as_string()) + "/assets";
    server.client().get(target);
    BOOST_TEST(server.client().get(target).json().at("assets").as_array().size() == 1u);
    server.client().put(path, {{"assetIds", json::array{second}}}, owner.auth());
    BOOST_TEST(server.client().get(target).json().at("assets").as_array().size() == 2u);
    server.client().del(path, owner.auth(), R"({"assetIds":[")" + first + R"("]})");
    BOOST_TEST(server.client().get(target).json().at("assets").as_array().size() == 1u);
    server.client().del("/api/shared-link/" + std::string(single.at("id").as_string()),
                        owner.auth());
    BOOST_TEST(server.client().get(target).status == 401);
}

BOOST_AUTO_TEST_CASE(an_expiry_passing_while_cached_is_noticed) {
    const auto soon = lightbox::format_iso(lightbox::now() + std::chrono::milliseconds(1500));
    server.client().patch(link_path(), {{"expiresAt", soon}}, owner.auth());
    guest_view();
    std::this_thread::sleep_for(std::chrono::milliseconds(1700));
    BOOST_TEST(guest_status() == 401);
}

BOOST_AUTO_TEST_SUITE_END()
