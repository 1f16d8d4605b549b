// A link's assets and what outlives what (contract L5), and descriptions as text.
#include "shared_link_rules_world.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

BOOST_FIXTURE_TEST_SUITE(shared_link_integrity, rules_case, *utf::fixture<rules_world>())

BOOST_AUTO_TEST_CASE(put_assets_answers_in_request_order) {
    const auto existing = upload(owner, "test1.jpg");
    const auto owned = upload(owner, "test2.jpg");
    const auto repeated = upload(owner, "test3.jpg");
    const auto others = upload(other, "test1.jpg");
    const auto id = text(individual({existing}), "id");
    const auto put = [&](const json::array& ids) {
        return client().put("/api/shared-link/" + id + "/assets", {{"assetIds", ids}},
                            owner.auth());
    };

    const auto result = put({existing, existing, others, unknown_id, owned});
    BOOST_TEST(result.status == 200, result.body);
    const json::array expected{
        {{"assetId", existing}, {"success", false}, {"error", "duplicate"}},
        {{"assetId", existing}, {"success", false}, {"error", "duplicate"}},
        {{"assetId", others}, {"success", false}, {"error", "no_permission"}},
        {{"assetId", unknown_id}, {"success", false}, {"error", "no_permission"}},
        {{"assetId", owned}, {"success", true}},
    };
    BOOST_TEST(result.json() == json::value(expected), result.body);

    // A new id repeated in one request lands once; the repeat is a duplicate.
    const auto twice = put({repeated, repeated});
    BOOST_TEST(twice.status == 200, twice.body);
    const json::array expected_twice{
        {{"assetId", repeated}, {"success", true}},
        {{"assetId", repeated}, {"success", false}, {"error", "duplicate"}},
    };
    BOOST_TEST(twice.json() == json::value(expected_twice), twice.body);

    const auto assets = get_link(id).at("assets").as_array();
    BOOST_TEST(assets.size() == 3u);
    BOOST_TEST(id_set(assets) == (std::set<std::string>{existing, owned, repeated}));

    check_validation(put({"nope"}), "each value in assetIds must be a UUID");
    check_error(client().put("/api/shared-link/" + unknown_id + "/assets",
                             {{"assetIds", json::array{owned}}}, owner.auth()),
                400, "Shared link not found");
}

BOOST_AUTO_TEST_CASE(album_links_take_no_assets) {
    const auto photo = upload(owner, "test1.jpg");
    const auto album = server.create_album(owner, "fixed", {photo});
    const auto id = text(album_link(album), "id");
    const auto loose = upload(owner, "test2.jpg");

    check_error(client().put("/api/shared-link/" + id + "/assets",
                             {{"assetIds", json::array{loose}}}, owner.auth()),
                400, "Invalid shared link type");
    check_error(client().del("/api/shared-link/" + id + "/assets", owner.auth(),
                             json::serialize(json::object{{"assetIds", json::array{photo}}})),
                400, "Invalid shared link type");
    BOOST_TEST(ids_of(get_link(id).at("assets").as_array()) == std::vector<std::string>{photo},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(delete_assets_answers_success_or_not_found) {
    const auto a = upload(owner, "test1.jpg");
    const auto b = upload(owner, "test2.jpg");
    const auto elsewhere = upload(owner, "test3.jpg");
    const auto id = text(individual({a, b}), "id");

    const auto result =
        client().del("/api/shared-link/" + id + "/assets", owner.auth(),
                     json::serialize(json::object{{"assetIds", json::array{a, elsewhere, a}}}));
    BOOST_TEST(result.status == 200, result.body);
    const json::array expected{
        {{"assetId", a}, {"success", true}},
        {{"assetId", elsewhere}, {"success", false}, {"error", "not_found"}},
        {{"assetId", a}, {"success", false}, {"error", "not_found"}},
    };
    BOOST_TEST(result.json() == json::value(expected), result.body);
    BOOST_TEST(ids_of(get_link(id).at("assets").as_array()) == std::vector<std::string>{b},
               boost::test_tools::per_element());

    check_error(client().del("/api/shared-link/" + id + "/assets", other.auth(),
                             json::serialize(json::object{{"assetIds", json::array{b}}})),
                400, "Shared link not found");
}

BOOST_AUTO_TEST_CASE(deleting_an_asset_removes_it_from_every_link) {
    const auto gone = upload(owner, "test1.jpg");
    const auto stays = upload(owner, "test2.jpg");
    const auto single = individual({gone, stays});
    const auto album = server.create_album(owner, "losing one", {gone, stays});
    const auto by_album = album_link(album);
    // Guests have looked before the deletion.
    BOOST_TEST(me(text(single, "key")).status == 200);
    BOOST_TEST(me(text(by_album, "key")).status == 200);

    const auto deleted = client().del("/api/asset", owner.auth(),
                                      json::serialize(json::object{{"ids", json::array{gone}}}));
    BOOST_TEST(deleted.status == 200, deleted.body);

    BOOST_TEST(ids_of(get_link(text(single, "id")).at("assets").as_array()) ==
                   std::vector<std::string>{stays},
               boost::test_tools::per_element());
    const auto album_view = get_link(text(by_album, "id"));
    BOOST_TEST(ids_of(album_view.at("assets").as_array()) == std::vector<std::string>{stays},
               boost::test_tools::per_element());
    BOOST_TEST(album_view.at("album").at("assetCount").as_int64() == 1);
    const auto album_guest_view = me(text(by_album, "key"));
    BOOST_TEST(ids_of(album_guest_view.json().at("assets").as_array()) ==
                   std::vector<std::string>{stays},
               boost::test_tools::per_element());
    const auto guest_view = me(text(single, "key"));
    BOOST_TEST(guest_view.status == 200);
    BOOST_TEST(ids_of(guest_view.json().at("assets").as_array()) == std::vector<std::string>{stays},
               boost::test_tools::per_element());
    check_error(client().get("/api/asset/assetById/" + gone, with_share_key(text(single, "key"))),
                400, "Not found or no asset.read access");

    // The links themselves still delete cleanly.
    const auto removed = client().del("/api/shared-link/" + text(single, "id"), owner.auth());
    BOOST_TEST(removed.status == 200, removed.body);
    BOOST_TEST(removed.body.empty());
}

BOOST_AUTO_TEST_CASE(deleting_an_album_deletes_its_links) {
    const auto photo = upload(owner, "test1.jpg");
    const auto album = server.create_album(owner, "short lived", {photo});
    const auto first = album_link(album);
    const auto second = album_link(album, {{"showExif", false}});

    BOOST_TEST(client().del("/api/album/" + album, owner.auth()).status == 200);
    for (const auto& link : {first, second}) {
        check_error(me(text(link, "key")), 401, "Invalid share key");
        check_error(client().get("/api/shared-link/" + text(link, "id"), owner.auth()), 400,
                    "Shared link not found");
        check_error(client().del("/api/shared-link/" + text(link, "id"), owner.auth()), 400,
                    "Shared link not found");
        BOOST_TEST(!contains(ids_of(list_links(owner)), text(link, "id")));
    }
}

BOOST_AUTO_TEST_CASE(descriptions_round_trip_byte_for_byte) {
    const auto photo = upload(owner, "test1.jpg");
    // Emoji (with a ZWJ sequence and a variation selector), CJK, combining marks, a line
    // separator, quotes, backslashes and SQL.
    const std::string written = "Фото 📷 👩‍👩‍👧 ⛰️ "
                                "日本語の説明 한국어 "
                                "e\u0301 n\u0303 \u2028 "
                                "\"quoted\" \\ "
                                "'; DROP TABLE shared_links; --";
    const auto link = individual({photo}, {{"description", written}});
    const auto id = text(link, "id");
    BOOST_TEST(text(link, "description") == written);
    BOOST_TEST(text(get_link(id), "description") == written);
    BOOST_TEST(text(me(text(link, "key")).json(), "description") == written);

    const std::string rewritten = "Robert'); DROP TABLE shared_link_asset;-- 🙂 中文 a\u0308";
    BOOST_TEST(text(patch_link(id, {{"description", rewritten}}), "description") == rewritten);
    BOOST_TEST(text(get_link(id), "description") == rewritten);
    BOOST_TEST(text(me(text(link, "key")).json(), "description") == rewritten);
    const auto links = list_links(owner);
    const auto found = std::find_if(links.begin(), links.end(), [&](const json::value& each) {
        return each.at("id").as_string() == id;
    });
    BOOST_REQUIRE(found != links.end());
    BOOST_TEST(text(*found, "description") == rewritten);
    // The tables are all still there.
    BOOST_TEST(ids_of(get_link(id).at("assets").as_array()) == std::vector<std::string>{photo},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(nul_bytes_in_a_description_are_refused) {
    const auto photo = upload(owner, "test1.jpg");
    const std::string with_nul("a\0b", 3);
    const auto before = list_links(owner).size();

    const auto created = client().post(
        "/api/shared-link",
        {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photo}}, {"description", with_nul}},
        owner.auth());
    BOOST_TEST(created.status == 400, created.body);
    BOOST_TEST(created.json().at("message").is_array(), created.body);
    BOOST_TEST(list_links(owner).size() == before);

    const auto id = text(individual({photo}, {{"description", "clean"}}), "id");
    // Sent exactly as a client would write it: the JSON escape \u0000.
    const auto patched = client().request("PATCH", "/api/shared-link/" + id,
                                          R"({"description":"a\u0000b"})", owner.auth());
    BOOST_TEST(patched.status == 400, patched.body);
    BOOST_TEST(patched.json().at("message").is_array(), patched.body);
    BOOST_TEST(text(get_link(id), "description") == "clean");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_the_body_is_refused) {
    const auto photo = upload(owner, "test1.jpg");
    const auto id = text(individual({photo}, {{"description", "clean"}}), "id");
    const auto before = list_links(owner).size();

    const std::vector<std::string> broken = {
        "\xC3\x28",         // a lead byte without its continuation
        "\xA0\xA1",         // continuation bytes alone
        "\xE2\x28\xA1",     // a broken three-byte sequence
        "\xF0\x28\x8C\xBC", // a broken four-byte sequence
        "\xC0\xAF",         // an overlong '/'
        "\xED\xA0\x80",     // an encoded surrogate
        "\xF4\x90\x80\x80", // past U+10FFFF
        "\xFF",             // never valid
        "ok \xE6\x97",      // cut short at the end
    };
    for (const auto& bytes : broken) {
        BOOST_TEST_CONTEXT("bytes " << hex_of(bytes)) {
            const auto patched =
                client().request("PATCH", "/api/shared-link/" + id,
                                 "{\"description\":\"" + bytes + "\"}", owner.auth());
            BOOST_TEST(patched.status == 400, patched.body);
            const auto created =
                client().request("POST", "/api/shared-link",
                                 "{\"type\":\"INDIVIDUAL\",\"assetIds\":[\"" + photo +
                                     "\"],\"description\":\"" + bytes + "\"}",
                                 owner.auth());
            BOOST_TEST(created.status == 400, created.body);
        }
    }
    // In a key too.
    const auto in_key = client().request("PATCH", "/api/shared-link/" + id,
                                         "{\"desc\xFFription\":\"x\"}", owner.auth());
    BOOST_TEST(in_key.status == 400, in_key.body);

    BOOST_TEST(text(get_link(id), "description") == "clean");
    BOOST_TEST(list_links(owner).size() == before);
}

BOOST_AUTO_TEST_SUITE_END()
