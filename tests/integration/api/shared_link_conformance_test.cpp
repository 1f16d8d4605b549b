// Immich v1.81's own end-to-end cases for shared links, replayed against Lightbox.
#include "test_server.hpp"

#include <boost/test/unit_test.hpp>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

/// Immich's fixture: an admin, user1, user1's album and an ALBUM link to it.
struct immich_fixture {
    test_server server;
    account admin = server.sign_up_admin();
    account user1 = server.create_user(admin, "user1@immich.app", "User 1", "Test");
    json::object album = server.client()
                             .post("/api/album", {{"albumName", "shared with link"}},
                                   user1.auth())
                             .json()
                             .as_object();
    json::object link = server.create_link(
        user1, {{"type", "ALBUM"}, {"albumId", album.at("id")}});

    const test_client& client() const { return server.client(); }
    std::string link_id() const { return std::string(link.at("id").as_string()); }
    std::string link_key() const { return std::string(link.at("key").as_string()); }
};

void check_error(const http_result& result, int status, const std::string& message) {
    BOOST_TEST(result.status == status);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == status);
    BOOST_TEST(body.at("message").as_string() == message);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(shared_link_conformance, immich_fixture)

BOOST_AUTO_TEST_CASE(listing_needs_authentication) {
    const auto result = client().get("/api/shared-link");
    check_error(result, 401, "Authentication required");
    BOOST_TEST(result.json().at("error").as_string() == "Unauthorized");
}

BOOST_AUTO_TEST_CASE(owner_lists_the_link_with_its_album) {
    const auto result = client().get("/api/shared-link", user1.auth());
    BOOST_TEST(result.status == 200);
    const auto links = result.json().as_array();
    BOOST_REQUIRE(links.size() == 1);
    BOOST_TEST(links[0].at("album") == json::value(album));
    BOOST_TEST(links[0].at("userId").as_string() == user1.id);
    BOOST_TEST(links[0].at("type").as_string() == "ALBUM");
}

BOOST_AUTO_TEST_CASE(another_user_lists_nothing) {
    const auto result = client().get("/api/shared-link", admin.auth());
    BOOST_TEST(result.status == 200);
    BOOST_TEST(result.json().as_array().empty());
}

BOOST_AUTO_TEST_CASE(me_without_a_key_is_forbidden) {
    const auto result = client().get("/api/shared-link/me", admin.auth());
    BOOST_TEST(result.status == 403);
    BOOST_TEST(result.json().at("message").as_string() == "Forbidden");
}

BOOST_AUTO_TEST_CASE(me_with_the_key_shows_the_link) {
    const auto result = client().get("/api/shared-link/me?key=" + link_key());
    BOOST_TEST(result.status == 200);
    const auto body = result.json();
    BOOST_TEST(body.at("userId").as_string() == user1.id);
    BOOST_TEST(body.at("type").as_string() == "ALBUM");
    BOOST_TEST(body.at("album").at("id") == album.at("id"));
    BOOST_TEST(body.at("album").at("albumName").as_string() == "shared with link");
}

BOOST_AUTO_TEST_CASE(a_mangled_key_is_refused) {
    const auto result = client().get("/api/shared-link/me?key=" + link_key() + "foo");
    check_error(result, 401, "Invalid share key");
}

BOOST_AUTO_TEST_CASE(the_key_works_in_the_header_too) {
    const auto key = link_key();
    BOOST_TEST(key.size() == 67u);
    const auto by_header = client().get("/api/shared-link/me", with_share_key(key));
    BOOST_TEST(by_header.status == 200);
}

BOOST_AUTO_TEST_CASE(a_deleted_owner_invalidates_the_key) {
    const auto second_album = server.create_album(user1, "second");
    const auto second = server.create_link(user1, {{"type", "ALBUM"}, {"albumId", second_album}});
    BOOST_TEST(client().del("/api/user/" + user1.id, admin.auth()).status == 200);
    const auto result =
        client().get("/api/shared-link/me?key=" + std::string(second.at("key").as_string()));
    check_error(result, 401, "Invalid share key");
}

BOOST_AUTO_TEST_CASE(get_by_id_is_the_owners_alone) {
    check_error(client().get("/api/shared-link/" + link_id()), 401, "Authentication required");
    const auto mine = client().get("/api/shared-link/" + link_id(), user1.auth());
    BOOST_TEST(mine.status == 200);
    BOOST_TEST(mine.json().at("album").at("id") == album.at("id"));
    check_error(client().get("/api/shared-link/" + link_id(), admin.auth()), 400,
                "Shared link not found");
}

BOOST_AUTO_TEST_CASE(create_validates_before_anything_else) {
    check_error(client().post("/api/shared-link",
                              {{"type", "ALBUM"},
                               {"albumId", "00000000-0000-4000-a000-000000000000"}}),
                401, "Authentication required");
    const auto no_body = client().request("POST", "/api/shared-link", {}, user1.auth());
    BOOST_TEST(no_body.status == 400);
    BOOST_TEST(no_body.json().at("error").as_string() == "Bad Request");
    check_error(client().post("/api/shared-link", {{"type", "ALBUM"}}, user1.auth()), 400,
                "Invalid albumId");
    check_error(client().post("/api/shared-link",
                              {{"type", "INDIVIDUAL"},
                               {"assetId", "00000000-0000-0000-0000-000000000000"}},
                              user1.auth()),
                400, "Invalid assetIds");
}

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_defaults) {
    const auto result = client().post("/api/shared-link",
                                      {{"type", "ALBUM"}, {"albumId", album.at("id")}},
                                      user1.auth());
    BOOST_TEST(result.status == 201);
    const auto body = result.json();
    BOOST_TEST(body.at("type").as_string() == "ALBUM");
    BOOST_TEST(body.at("userId").as_string() == user1.id);
    BOOST_TEST(body.at("allowUpload").as_bool() == false);
    BOOST_TEST(body.at("allowDownload").as_bool() == true);
    BOOST_TEST(body.at("showExif").as_bool() == true);
    BOOST_TEST(body.at("expiresAt").is_null());
    BOOST_TEST(body.at("description").is_null());
}

BOOST_AUTO_TEST_CASE(patch_needs_the_owner_and_a_real_id) {
    check_error(client().patch("/api/shared-link/" + link_id(), {{"description", "foo"}}), 401,
                "Authentication required");
    const auto nil = client().patch("/api/shared-link/00000000-0000-0000-0000-000000000000",
                                    {{"description", "foo"}}, user1.auth());
    BOOST_TEST(nil.status == 400);
    BOOST_TEST(nil.json().at("message").as_array()[0].as_string() == "id must be a UUID");
    check_error(client().patch("/api/shared-link/00000000-0000-4000-a000-000000000000",
                               {{"description", "foo"}}, user1.auth()),
                400, "Shared link not found");
    const auto changed =
        client().patch("/api/shared-link/" + link_id(), {{"description", "foo"}}, user1.auth());
    BOOST_TEST(changed.status == 200);
    BOOST_TEST(changed.json().at("description").as_string() == "foo");
    BOOST_TEST(changed.json().at("type").as_string() == "ALBUM");
}

BOOST_AUTO_TEST_CASE(delete_needs_the_owner_and_answers_an_empty_200) {
    check_error(client().del("/api/shared-link/" + link_id()), 401, "Authentication required");
    BOOST_TEST(client().del("/api/shared-link/00000000-0000-4000-a000-000000000000",
                            user1.auth())
                   .status == 400);
    const auto deleted = client().del("/api/shared-link/" + link_id(), user1.auth());
    BOOST_TEST(deleted.status == 200);
    BOOST_TEST(deleted.body.empty());
    check_error(client().get("/api/shared-link/me?key=" + link_key()), 401, "Invalid share key");
}

BOOST_AUTO_TEST_SUITE_END()
