// Shared links as the contract rules them (§4, L1, L7): creating, listing and reading them,
// and partial updates.
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

BOOST_FIXTURE_TEST_SUITE(shared_link_rules, rules_case, *utf::fixture<rules_world>())

BOOST_AUTO_TEST_CASE(individual_create_needs_owned_assets) {
    const auto owners = upload(owner, "test1.jpg");
    const auto others = upload(other, "test2.jpg");

    const auto create = [&](const json::array& ids) {
        return client().post("/api/shared-link", {{"type", "INDIVIDUAL"}, {"assetIds", ids}},
                             other.auth());
    };
    check_error(create({owners}), 400, "Not found or no asset.share access");
    check_error(create({others, owners}), 400, "Not found or no asset.share access");
    check_error(create({unknown_id}), 400, "Not found or no asset.share access");
    check_error(create({}), 400, "Invalid assetIds");
    check_error(client().post("/api/shared-link", {{"type", "INDIVIDUAL"}}, other.auth()), 400,
                "Invalid assetIds");
    check_validation(create({"not-a-uuid"}), "each value in assetIds must be a UUID");
    check_validation(client().post("/api/shared-link", {{"type", "PUBLIC"}}, other.auth()),
                     "type must be one of the following values: ALBUM, INDIVIDUAL");

    // Nothing was created along the way.
    BOOST_TEST(list_links(other).empty());
}

BOOST_AUTO_TEST_CASE(album_create_needs_an_album_the_caller_owns) {
    const auto others_album =
        text(client()
                 .post("/api/album",
                       {{"albumName", "other's"}, {"sharedWithUserIds", json::array{owner.id}}},
                       other.auth())
                 .json(),
             "id");
    const auto before = list_links(owner).size();

    // Even a user the album is shared with cannot share it further.
    check_error(client().post("/api/shared-link", {{"type", "ALBUM"}, {"albumId", others_album}},
                              owner.auth()),
                400, "Not found or no album.share access");
    check_error(client().post("/api/shared-link", {{"type", "ALBUM"}, {"albumId", unknown_id}},
                              owner.auth()),
                400, "Not found or no album.share access");
    check_error(client().post("/api/shared-link", {{"type", "ALBUM"}}, owner.auth()), 400,
                "Invalid albumId");
    check_validation(
        client().post("/api/shared-link", {{"type", "ALBUM"}, {"albumId", "x"}}, owner.auth()),
        "albumId must be a UUID");
    BOOST_TEST(list_links(owner).size() == before);
}

BOOST_AUTO_TEST_CASE(create_answers_201_with_a_67_character_key) {
    const auto photo = upload(owner, "test1.jpg");
    const auto result = client().post("/api/shared-link",
                                      {{"type", "INDIVIDUAL"},
                                       {"assetIds", json::array{photo}},
                                       {"description", "for grandma"},
                                       {"expiresAt", "2099-05-06T07:08:09.123+02:00"},
                                       {"allowUpload", true},
                                       {"allowDownload", false},
                                       {"showExif", false}},
                                      owner.auth());
    BOOST_TEST(result.status == 201, result.body);
    const auto link = result.json().as_object();
    BOOST_TEST(keys_of(link) == (std::set<std::string>{"id", "description", "userId", "key", "type",
                                                       "createdAt", "expiresAt", "assets",
                                                       "allowUpload", "allowDownload", "showExif"}),
               result.body);
    BOOST_TEST(link.at("type").as_string() == "INDIVIDUAL");
    BOOST_TEST(link.at("userId").as_string() == owner.id);
    BOOST_TEST(link.at("description").as_string() == "for grandma");
    BOOST_TEST(link.at("expiresAt").as_string() == "2099-05-06T05:08:09.123Z");
    BOOST_TEST(link.at("allowUpload").as_bool() == true);
    BOOST_TEST(link.at("allowDownload").as_bool() == false);
    BOOST_TEST(link.at("showExif").as_bool() == false);
    BOOST_TEST(ids_of(link.at("assets").as_array()) == std::vector<std::string>{photo},
               boost::test_tools::per_element());

    // 50 random bytes as base64url without padding.
    const auto key = text(link, "key");
    BOOST_TEST(std::regex_match(key, std::regex("[A-Za-z0-9_-]{67}")), key);
    const auto raw = base64url_decode(key);
    BOOST_TEST(raw.size() == 50u);

    // The 100-character hex form opens the same link.
    const auto by_hex = client().get("/api/shared-link/me?key=" + hex_of(raw));
    BOOST_TEST(by_hex.status == 200, by_hex.body);
    BOOST_TEST(by_hex.json().at("id") == link.at("id"));

    const auto second = individual({photo});
    BOOST_TEST(second.at("key") != link.at("key"));
    BOOST_TEST(second.at("id") != link.at("id"));
}

BOOST_AUTO_TEST_CASE(list_is_newest_first_and_the_owners_alone) {
    const auto photo = upload(owner, "test2.jpg");
    std::vector<std::string> made;
    for (int i = 0; i < 3; ++i) {
        made.push_back(
            text(individual({photo}, {{"description", "list " + std::to_string(i)}}), "id"));
        // Distinct creation instants: the API shows milliseconds.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    const auto links = list_links(owner);
    const auto listed = ids_of(links);
    std::vector<std::string> mine;
    for (const auto& id : listed) {
        if (contains(made, id)) {
            mine.push_back(id);
        }
    }
    BOOST_TEST(mine == (std::vector<std::string>{made[2], made[1], made[0]}),
               boost::test_tools::per_element());
    for (std::size_t i = 1; i < links.size(); ++i) {
        BOOST_TEST(links[i - 1].at("createdAt").as_string() >=
                   links[i].at("createdAt").as_string());
    }
    for (const auto& link : links) {
        BOOST_TEST(link.at("userId").as_string() == owner.id);
    }
    BOOST_TEST(list_links(other).empty());
}

BOOST_AUTO_TEST_CASE(get_by_id_returns_each_asset_once_with_exif_and_the_album) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto a3 = upload(owner, "test3.jpg");
    const auto album = server.create_album(owner, "link album", {a2, a1, a3});
    const auto by_album = album_link(album);

    const auto got = get_link(text(by_album, "id"));
    const auto& assets = got.at("assets").as_array();
    BOOST_TEST(assets.size() == 3u, got);
    BOOST_TEST(id_set(assets) == (std::set<std::string>{a1, a2, a3}));
    for (const auto& each : assets) {
        BOOST_TEST(each.as_object().contains("exifInfo"), each);
        BOOST_TEST(each.at("ownerId").as_string() == owner.id);
    }
    const auto& in_album = got.at("album");
    BOOST_TEST(in_album.at("id").as_string() == album);
    BOOST_TEST(in_album.at("owner").at("id").as_string() == owner.id);
    BOOST_TEST(in_album.at("owner").at("email").as_string() == "owner@immich.app");
    BOOST_TEST(in_album.at("assetCount").as_int64() == 3);
    BOOST_TEST(in_album.at("startDate").as_string() == taken_test3);
    BOOST_TEST(in_album.at("endDate").as_string() == taken_test1);

    // An individual link: its own assets, with EXIF, and no album.
    const auto by_assets = individual({a2, a1});
    const auto own = get_link(text(by_assets, "id"));
    BOOST_TEST(own.at("assets").as_array().size() == 2u);
    BOOST_TEST(id_set(own.at("assets").as_array()) == (std::set<std::string>{a1, a2}));
    for (const auto& each : own.at("assets").as_array()) {
        BOOST_TEST(each.at("exifInfo").at("make").as_string() == "Apple");
    }
    BOOST_TEST(!own.contains("album"));

    // Someone else's link, or none, reads as not found.
    check_error(client().get("/api/shared-link/" + text(by_assets, "id"), other.auth()), 400,
                "Shared link not found");
    check_error(client().get("/api/shared-link/" + unknown_id, owner.auth()), 400,
                "Shared link not found");
}

BOOST_AUTO_TEST_CASE(patch_changes_only_the_fields_present) {
    const auto photo = upload(owner, "test1.jpg");
    const auto id = text(individual({photo}), "id");

    const auto set = patch_link(id, {{"expiresAt", "2099-01-02T03:04:05.678Z"},
                                     {"description", "kept"},
                                     {"allowUpload", true},
                                     {"allowDownload", true},
                                     {"showExif", false}});
    BOOST_TEST(set.at("expiresAt").as_string() == "2099-01-02T03:04:05.678Z");
    BOOST_TEST(set.at("description").as_string() == "kept");

    const auto changed = patch_link(id, {{"allowDownload", false}});
    BOOST_TEST(changed.at("allowDownload").as_bool() == false);
    BOOST_TEST(changed.at("expiresAt").as_string() == "2099-01-02T03:04:05.678Z");
    BOOST_TEST(changed.at("description").as_string() == "kept");
    BOOST_TEST(changed.at("allowUpload").as_bool() == true);
    BOOST_TEST(changed.at("showExif").as_bool() == false);
    BOOST_TEST(ids_of(changed.at("assets").as_array()) == std::vector<std::string>{photo},
               boost::test_tools::per_element());

    const auto stored = get_link(id);
    BOOST_TEST(json::value(editable_fields(stored)) == json::value(editable_fields(changed)));
    BOOST_TEST(stored.at("key") == set.at("key"));
    BOOST_TEST(stored.at("createdAt") == set.at("createdAt"));

    // An empty body changes nothing.
    const auto untouched = patch_link(id, {});
    BOOST_TEST(json::value(editable_fields(untouched)) == json::value(editable_fields(stored)));
}

BOOST_AUTO_TEST_CASE(patch_null_clears_expiry_and_description) {
    const auto photo = upload(owner, "test1.jpg");
    const auto id = text(individual({photo}), "id");
    patch_link(id, {{"expiresAt", "2099-01-02T03:04:05.678Z"}, {"description", "temporary"}});

    const auto no_expiry = patch_link(id, {{"expiresAt", nullptr}});
    BOOST_TEST(no_expiry.at("expiresAt").is_null());
    BOOST_TEST(no_expiry.at("description").as_string() == "temporary");

    const auto no_text = patch_link(id, {{"description", nullptr}});
    BOOST_TEST(no_text.at("description").is_null());
    BOOST_TEST(no_text.at("expiresAt").is_null());

    const auto stored = get_link(id);
    BOOST_TEST(stored.at("description").is_null());
    BOOST_TEST(stored.at("expiresAt").is_null());
}

BOOST_AUTO_TEST_CASE(patch_with_wrong_types_is_400_and_changes_nothing) {
    const auto photo = upload(owner, "test1.jpg");
    const auto id = text(individual({photo}), "id");
    patch_link(id, {{"expiresAt", "2099-01-02T03:04:05.678Z"},
                    {"description", "steady"},
                    {"allowUpload", false},
                    {"allowDownload", true},
                    {"showExif", true}});
    const auto before = get_link(id);

    const auto patch = [&](const json::object& body) {
        return client().patch("/api/shared-link/" + id, body, owner.auth());
    };
    check_validation(patch({{"showExif", "yes"}}), "showExif must be a boolean value");
    check_validation(patch({{"expiresAt", "soon"}}), "expiresAt must be a Date instance");
    check_validation(patch({{"description", 5}}), "description must be a string");
    check_validation(patch({{"allowUpload", 1}}), "allowUpload must be a boolean value");
    check_validation(patch({{"allowDownload", "false"}}), "allowDownload must be a boolean value");
    check_validation(patch({{"expiresAt", 1234567890}}), "expiresAt must be a Date instance");
    check_validation(patch({{"expiresAt", "2023-02-30T00:00:00.000Z"}}),
                     "expiresAt must be a Date instance");

    // One bad field spoils the whole request: the good one is not written either.
    const auto mixed =
        patch({{"description", "changed"}, {"showExif", "yes"}, {"allowUpload", true}});
    check_validation(mixed, "showExif must be a boolean value");
    const auto several = patch({{"showExif", "yes"}, {"description", 5}});
    check_validation(several, "showExif must be a boolean value");
    check_validation(several, "description must be a string");

    const auto not_an_object =
        client().request("PATCH", "/api/shared-link/" + id, "[1,2]", owner.auth());
    BOOST_TEST(not_an_object.status == 400, not_an_object.body);
    const auto malformed =
        client().request("PATCH", "/api/shared-link/" + id, R"({"description": "x")", owner.auth());
    BOOST_TEST(malformed.status == 400, malformed.body);

    const auto after = get_link(id);
    BOOST_TEST(json::value(after) == json::value(before));
}

BOOST_AUTO_TEST_CASE(patch_answers_what_get_by_id_returns) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto album = server.create_album(owner, "patched album", {a1, a2});
    const auto by_album = album_link(album);
    const auto by_assets = individual({a1, a2});

    for (const auto& link : {by_album, by_assets}) {
        const auto id = text(link, "id");
        const auto patched = client().patch("/api/shared-link/" + id,
                                            {{"description", "same either way"}}, owner.auth());
        BOOST_TEST(patched.status == 200, patched.body);
        const auto got = client().get("/api/shared-link/" + id, owner.auth());
        BOOST_TEST(got.status == 200);
        const auto answer = patched.json();
        BOOST_TEST(answer == got.json(), "patch " << patched.body << "\nget " << got.body);
        BOOST_TEST(answer.at("assets").as_array().size() == 2u);
        for (const auto& each : answer.at("assets").as_array()) {
            BOOST_TEST(each.as_object().contains("exifInfo"));
        }
    }
    const auto patched_album = patch_link(text(by_album, "id"), {{"showExif", false}});
    BOOST_TEST(patched_album.at("album").at("id").as_string() == album);
    BOOST_TEST(patched_album.at("album").at("assetCount").as_int64() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
