// Large link views go out gzip-compressed to clients that accept it, from a copy compressed
// once; the bytes inflate to exactly the JSON every other client gets.
#include "support/fixtures.hpp"
#include "support/gunzip.hpp"
#include "test_server.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

constexpr int photos_in_large_album = 80;

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

struct compressed_world {
    compressed_world() {
        const auto photo = read_file(fixture("test1.jpg"));
        std::vector<std::string> ids;
        for (int i = 0; i < photos_in_large_album; ++i) {
            const auto tag = "gzip-" + std::to_string(i);
            const auto uploaded = server.upload_bytes(owner.auth(), "test1.jpg", photo + tag, tag);
            BOOST_REQUIRE_EQUAL(uploaded.status, 201);
            ids.push_back(text(uploaded.json(), "id"));
        }
        const auto album = server.create_album(owner, "large", ids);
        large = server.create_link(owner, {{"type", "ALBUM"}, {"albumId", album}});
        small = server.create_link(
            owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{ids.front()}}});
    }

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app", "Olga", "Owner");
    json::object large;
    json::object small;
};

header_list with(header_list headers, const std::string& accept_encoding) {
    headers.emplace_back("Accept-Encoding", accept_encoding);
    return headers;
}

/// Reads `target` plainly, then twice accepting gzip (the second from the cache), and
/// checks that the compressed answers carry the plain answer's bytes.
void check_compressed(const test_client& client, const std::string& target,
                      const header_list& auth) {
    const auto plain = client.get(target, auth);
    BOOST_REQUIRE_EQUAL(plain.status, 200);
    BOOST_TEST(plain.header("content-encoding").empty());
    BOOST_TEST(plain.header("vary") == "Accept-Encoding");
    BOOST_TEST(plain.body.size() > 64u * 1024u);
    for (int read = 0; read < 2; ++read) {
        const auto zipped = client.get(target, with(auth, "gzip, deflate, br"));
        BOOST_REQUIRE_EQUAL(zipped.status, 200);
        BOOST_TEST(zipped.header("content-encoding") == "gzip");
        BOOST_TEST(zipped.body.size() < plain.body.size() / 4);
        BOOST_TEST(gunzip(zipped.body) == plain.body);
    }
    const auto refused = client.get(target, with(auth, "gzip;q=0, identity"));
    BOOST_TEST(refused.header("content-encoding").empty());
    BOOST_TEST(refused.body == plain.body);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(compressed_views, compressed_world)

BOOST_AUTO_TEST_CASE(a_large_guest_view_is_compressed_for_who_accepts_it) {
    check_compressed(server.client(), "/api/shared-link/me?key=" + text(large, "key"), {});
}

BOOST_AUTO_TEST_CASE(a_large_owner_view_is_compressed_for_who_accepts_it) {
    check_compressed(server.client(), "/api/shared-link/" + text(large, "id"), owner.auth());
}

BOOST_AUTO_TEST_CASE(a_change_reaches_the_compressed_copy_too) {
    const auto target = "/api/shared-link/me?key=" + text(large, "key");
    BOOST_REQUIRE(server.client().get(target, with({}, "gzip")).status == 200);
    const auto patched = server.client().patch("/api/shared-link/" + text(large, "id"),
                                               {{"description", "after"}}, owner.auth());
    BOOST_REQUIRE_EQUAL(patched.status, 200);
    const auto zipped = server.client().get(target, with({}, "gzip"));
    BOOST_REQUIRE(zipped.header("content-encoding") == "gzip");
    BOOST_TEST(text(json::parse(gunzip(zipped.body)), "description") == "after");
}

BOOST_AUTO_TEST_CASE(a_small_view_is_always_sent_as_it_is) {
    const auto zipped =
        server.client().get("/api/shared-link/me?key=" + text(small, "key"), with({}, "gzip"));
    BOOST_REQUIRE_EQUAL(zipped.status, 200);
    BOOST_TEST(zipped.header("content-encoding").empty());
    BOOST_TEST(text(zipped.json(), "id") == text(small, "id"));
}

BOOST_AUTO_TEST_SUITE_END()
