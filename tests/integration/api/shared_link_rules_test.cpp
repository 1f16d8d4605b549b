// Shared links as the contract rules them (§4, L1–L3, L5, L7): creating, listing and reading
// them, partial updates, expiry, what a key may do, integrity and text.
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <ctime>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

const std::string unknown_id = "00000000-0000-4000-a000-000000000000";
const std::string taken_test1 = "2013-02-06T16:00:03.000Z";
const std::string taken_test3 = "2012-12-22T19:40:02.000Z";

/// One server for the suite: the owner makes every link; `other` owns assets and an album
/// but never makes a link, so its list must stay empty.
struct rules_world {
    rules_world() { current = this; }
    ~rules_world() { current = nullptr; }

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app", "Olga", "Owner");
    account other = server.create_user(admin, "other@immich.app", "Otto", "Other");
    int uploads = 0;

    static inline rules_world* current = nullptr;
};

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

std::vector<std::string> ids_of(const json::array& items, std::string_view key = "id") {
    std::vector<std::string> ids;
    for (const auto& item : items) {
        ids.push_back(text(item, key));
    }
    return ids;
}

std::set<std::string> id_set(const json::array& items) {
    const auto ids = ids_of(items);
    return {ids.begin(), ids.end()};
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::set<std::string> keys_of(const json::object& object) {
    std::set<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace(entry.key());
    }
    return keys;
}

/// An instant as the API writes it: UTC with milliseconds.
std::string iso(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(at.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(ms % 1000));
    return out;
}

/// base64url without padding, as link keys travel.
std::string base64url_decode(const std::string& in) {
    static const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : in) {
        const auto at = alphabet.find(c);
        BOOST_REQUIRE(at != std::string::npos);
        bits = (bits << 6) | static_cast<unsigned>(at);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xffu));
        }
    }
    return out;
}

std::string hex_of(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0xfu]);
    }
    return out;
}

/// The body as JSON, or null when it is not JSON.
json::value parsed(const http_result& result) {
    boost::system::error_code ec;
    auto body = json::parse(result.body, ec);
    return ec ? json::value(nullptr) : body;
}

void check_error(const http_result& result, int status, const std::string& message) {
    BOOST_TEST(result.status == status, "status " << result.status << " body " << result.body);
    const auto body = parsed(result);
    const auto* error = body.if_object();
    if (!error || !error->contains("message") || !error->contains("statusCode")) {
        BOOST_ERROR("not an error body: " << result.body);
        return;
    }
    BOOST_TEST(error->at("statusCode") == json::value(status));
    BOOST_TEST(error->at("message") == json::value(message), result.body);
}

/// A 400 whose message is an array holding `message`.
void check_validation(const http_result& result, const std::string& message) {
    BOOST_TEST(result.status == 400, "status " << result.status << " body " << result.body);
    const auto body = parsed(result);
    const auto* error = body.if_object();
    if (!error || !error->contains("message") || !error->at("message").is_array()) {
        BOOST_ERROR("not a validation error body: " << result.body);
        return;
    }
    BOOST_TEST(error->at("error") == json::value("Bad Request"));
    const auto& messages = body.at("message").as_array();
    BOOST_TEST(
        (std::find(messages.begin(), messages.end(), json::value(message)) != messages.end()),
        "expected " << message << " in " << result.body);
}

struct rules_case {
    rules_case() { BOOST_REQUIRE(rules_world::current != nullptr); }

    rules_world& world = *rules_world::current;
    test_server& server = world.server;
    const account& owner = world.owner;
    const account& other = world.other;

    const test_client& client() const { return server.client(); }

    /// A new asset from a fixture photo (a few bytes appended make its checksum its own).
    std::string upload(const account& who, const std::string& fixture_name,
                       std::string* bytes_out = nullptr) {
        const auto tag = "rules-" + std::to_string(++world.uploads);
        const auto bytes = read_file(fixture(fixture_name)) + tag;
        const auto result = server.upload_bytes(who.auth(), fixture_name, bytes, tag);
        BOOST_REQUIRE_MESSAGE(result.status == 201,
                              "upload answered " << result.status << " " << result.body);
        if (bytes_out) {
            *bytes_out = bytes;
        }
        return text(result.json(), "id");
    }

    json::object individual(const std::vector<std::string>& asset_ids, json::object extra = {}) {
        json::array ids;
        for (const auto& id : asset_ids) {
            ids.emplace_back(id);
        }
        extra["type"] = "INDIVIDUAL";
        extra["assetIds"] = std::move(ids);
        return server.create_link(owner, extra);
    }

    json::object album_link(const std::string& album_id, json::object extra = {}) {
        extra["type"] = "ALBUM";
        extra["albumId"] = album_id;
        return server.create_link(owner, extra);
    }

    json::object get_link(const std::string& id) {
        const auto result = client().get("/api/shared-link/" + id, owner.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "get link answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    json::object patch_link(const std::string& id, const json::object& body) {
        const auto result = client().patch("/api/shared-link/" + id, body, owner.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "patch link answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    json::array list_links(const account& who) {
        const auto result = client().get("/api/shared-link", who.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "list links answered " << result.status << " " << result.body);
        return result.json().as_array();
    }

    http_result me(const std::string& key) {
        return client().get("/api/shared-link/me", with_share_key(key));
    }

    /// A guest upload through `key`.
    http_result guest_upload(const std::string& key, const std::string& fixture_name,
                             const std::string& tag) {
        return server.upload_bytes(with_share_key(key), fixture_name,
                                   read_file(fixture(fixture_name)) + tag, tag);
    }
};

/// The five fields a PATCH may change.
json::object editable_fields(const json::object& link) {
    return {{"description", link.at("description")},
            {"expiresAt", link.at("expiresAt")},
            {"allowUpload", link.at("allowUpload")},
            {"allowDownload", link.at("allowDownload")},
            {"showExif", link.at("showExif")}};
}

} // namespace

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

BOOST_AUTO_TEST_CASE(an_expired_key_is_refused_until_revived) {
    const auto photo = upload(owner, "test1.jpg");
    const auto link = individual({photo}, {{"expiresAt", "2020-01-01T00:00:00.000Z"}});
    const auto id = text(link, "id");
    const auto key = text(link, "key");

    check_error(me(key), 401, "Invalid share key");
    check_error(client().get("/api/shared-link/me?key=" + key), 401, "Invalid share key");
    check_error(client().get("/api/asset/assetById/" + photo, with_share_key(key)), 401,
                "Invalid share key");
    // The owner still sees it, expiry included.
    BOOST_TEST(get_link(id).at("expiresAt").as_string() == "2020-01-01T00:00:00.000Z");

    patch_link(id, {{"expiresAt", nullptr}});
    const auto revived = me(key);
    BOOST_TEST(revived.status == 200, revived.body);
    BOOST_TEST(revived.json().at("id").as_string() == id);

    patch_link(id, {{"expiresAt", "2021-06-01T00:00:00.000+05:00"}});
    check_error(me(key), 401, "Invalid share key");
}

BOOST_AUTO_TEST_CASE(a_key_stops_working_the_moment_it_expires) {
    const auto photo = upload(owner, "test1.jpg");
    const auto link = individual({photo});
    const auto id = text(link, "id");
    const auto key = text(link, "key");
    BOOST_TEST(me(key).status == 200);

    const auto expiry = std::chrono::system_clock::now() + std::chrono::seconds(2);
    patch_link(id, {{"expiresAt", iso(expiry)}});
    // Still valid: the first requests after the change are checked against the new expiry.
    const auto before = me(key);
    BOOST_TEST(before.status == 200, before.body);
    BOOST_TEST(client().get("/api/asset/assetById/" + photo, with_share_key(key)).status == 200);

    std::this_thread::sleep_until(expiry + std::chrono::milliseconds(250));
    check_error(me(key), 401, "Invalid share key");
    check_error(client().get("/api/asset/assetById/" + photo, with_share_key(key)), 401,
                "Invalid share key");
}

BOOST_AUTO_TEST_CASE(a_key_reaches_nothing_but_its_link) {
    const auto inside = upload(owner, "test1.jpg");
    const auto extra = upload(owner, "test2.jpg");
    const auto link = individual({inside}, {{"allowUpload", true}});
    const auto id = text(link, "id");
    const auto key = text(link, "key");
    const auto guest = with_share_key(key);

    // Only the owner changes what a link holds.
    const auto add = client().put("/api/shared-link/" + id + "/assets",
                                  {{"assetIds", json::array{extra}}}, guest);
    check_error(add, 403, "Forbidden resource");
    BOOST_TEST(add.json().at("error").as_string() == "Forbidden");
    check_error(client().del("/api/shared-link/" + id + "/assets", guest,
                             json::serialize(json::object{{"assetIds", json::array{inside}}})),
                403, "Forbidden resource");
    BOOST_TEST(ids_of(get_link(id).at("assets").as_array()) == std::vector<std::string>{inside},
               boost::test_tools::per_element());

    // Every other route is closed to a key.
    for (const auto* target : {"/api/album", "/api/user/me", "/api/asset", "/api/shared-link",
                               "/api/user", "/api/api-key"}) {
        BOOST_TEST_CONTEXT(target) {
            check_error(client().get(target, guest), 403, "Forbidden resource");
        }
    }
    check_error(client().get("/api/shared-link/" + id, guest), 403, "Forbidden resource");
    check_error(client().patch("/api/shared-link/" + id, {{"allowDownload", false}}, guest), 403,
                "Forbidden resource");
    check_error(client().del("/api/shared-link/" + id, guest), 403, "Forbidden resource");
    check_error(client().post("/api/shared-link",
                              {{"type", "INDIVIDUAL"}, {"assetIds", json::array{extra}}}, guest),
                403, "Forbidden resource");
    check_error(client().post("/api/album", {{"albumName", "guest album"}}, guest), 403,
                "Forbidden resource");
    check_error(client().del("/api/asset", guest,
                             json::serialize(json::object{{"ids", json::array{inside}}})),
                403, "Forbidden resource");
    BOOST_TEST(get_link(id).at("allowDownload").as_bool() == true);

    // A present but wrong key is 401 even beside a good session.
    auto both = with_share_key(key + "x");
    both.emplace_back("Authorization", "Bearer " + owner.token);
    check_error(client().get("/api/album", both), 401, "Invalid share key");
}

BOOST_AUTO_TEST_CASE(a_key_reads_only_assets_in_its_link) {
    const auto inside = upload(owner, "test1.jpg");
    const auto outside = upload(owner, "test2.jpg");
    const auto others = upload(other, "test3.jpg");
    const auto key = text(individual({inside}), "key");
    const auto guest = with_share_key(key);

    const auto seen = client().get("/api/asset/assetById/" + inside, guest);
    BOOST_TEST(seen.status == 200, seen.body);
    BOOST_TEST(seen.json().at("id").as_string() == inside);
    check_error(client().get("/api/asset/assetById/" + outside, guest), 400,
                "Not found or no asset.read access");
    check_error(client().get("/api/asset/assetById/" + others, guest), 400,
                "Not found or no asset.read access");
    check_error(client().get("/api/asset/assetById/" + unknown_id, guest), 400,
                "Not found or no asset.read access");
    BOOST_TEST(client().get("/api/asset/file/" + outside, guest).status == 400);
    BOOST_TEST(client().request("POST", "/api/asset/download/" + outside, {}, guest).status == 400);
}

BOOST_AUTO_TEST_CASE(downloads_follow_allow_download_on_every_request) {
    std::string bytes;
    const auto photo = upload(owner, "test1.jpg", &bytes);
    const auto link = individual({photo}, {{"allowDownload", false}});
    const auto id = text(link, "id");
    const auto guest = with_share_key(text(link, "key"));

    const auto download = [&] {
        return client().request("POST", "/api/asset/download/" + photo, {}, guest);
    };
    const auto file = [&] {
        return client().get("/api/asset/file/" + photo, guest);
    };

    check_error(download(), 400, "Not found or no asset.download access");
    check_error(file(), 400, "Not found or no asset.download access");
    // Reading the asset is still allowed.
    BOOST_TEST(client().get("/api/asset/assetById/" + photo, guest).status == 200);

    patch_link(id, {{"allowDownload", true}});
    const auto downloaded = download();
    BOOST_TEST(downloaded.status == 200);
    BOOST_TEST(downloaded.body.size() == bytes.size());
    BOOST_TEST((downloaded.body == bytes));
    BOOST_TEST(downloaded.header("content-type") == "image/jpeg");
    const auto served = file();
    BOOST_TEST(served.status == 200);
    BOOST_TEST((served.body == bytes));

    // Taking the right away takes effect on the very next request.
    patch_link(id, {{"allowDownload", false}});
    BOOST_TEST(download().status == 400);
    BOOST_TEST(file().status == 400);
}

BOOST_AUTO_TEST_CASE(uploads_follow_allow_upload_and_belong_to_the_owner) {
    const auto first = upload(owner, "test2.jpg");
    const auto album = server.create_album(owner, "drop box", {first});
    const auto link = album_link(album);
    const auto id = text(link, "id");
    const auto key = text(link, "key");

    const auto refused = guest_upload(key, "test3.jpg", "guest-refused");
    BOOST_TEST(refused.status == 401, refused.body);
    BOOST_TEST(refused.json().at("statusCode").as_int64() == 401);

    patch_link(id, {{"allowUpload", true}});
    BOOST_TEST(me(key).status == 200);
    const auto accepted = guest_upload(key, "test3.jpg", "guest-accepted");
    BOOST_TEST(accepted.status == 201, accepted.body);
    const auto uploaded = text(accepted.json(), "id");

    // The link owner owns it, and it joined the album and the link.
    const auto as_owner = client().get("/api/asset/assetById/" + uploaded, owner.auth());
    BOOST_TEST(as_owner.status == 200, as_owner.body);
    BOOST_TEST(as_owner.json().at("ownerId").as_string() == owner.id);
    const auto in_album = client().get("/api/album/" + album, owner.auth());
    BOOST_TEST(contains(ids_of(in_album.json().at("assets").as_array()), uploaded));
    BOOST_TEST(in_album.json().at("assetCount").as_int64() == 2);
    const auto mine = me(key);
    BOOST_TEST(mine.status == 200);
    BOOST_TEST(id_set(mine.json().at("assets").as_array()) ==
               (std::set<std::string>{first, uploaded}));
    BOOST_TEST(contains(ids_of(get_link(id).at("assets").as_array()), uploaded));
    // The owner's own asset list has it; the guest never owned anything.
    const auto owned = client().get("/api/asset", owner.auth());
    BOOST_TEST(contains(ids_of(owned.json().as_array()), uploaded));

    // An individual link takes the upload into the link itself.
    const auto single = individual({first}, {{"allowUpload", true}});
    const auto through_single = guest_upload(text(single, "key"), "test1.jpg", "guest-single");
    BOOST_TEST(through_single.status == 201, through_single.body);
    const auto single_upload = text(through_single.json(), "id");
    BOOST_TEST(id_set(get_link(text(single, "id")).at("assets").as_array()) ==
               (std::set<std::string>{first, single_upload}));

    // Taking the right away refuses the next upload.
    patch_link(id, {{"allowUpload", false}});
    BOOST_TEST(guest_upload(key, "test1.jpg", "guest-late").status == 401);
}

BOOST_AUTO_TEST_CASE(a_key_cannot_pull_other_assets_into_its_album) {
    const auto shown = upload(owner, "test1.jpg");
    const auto hidden = upload(owner, "test2.jpg");
    const auto album = server.create_album(owner, "guest book", {shown});
    const auto link = album_link(album, {{"allowUpload", true}});
    const auto guest = with_share_key(text(link, "key"));
    check_error(client().get("/api/asset/assetById/" + hidden, guest), 400,
                "Not found or no asset.read access");

    // Adding the owner's other asset to the link's album would put it in the link. What is
    // already in the album stays a duplicate, as an Immich web client re-adding its upload
    // expects.
    const auto added = client().put("/api/album/" + album + "/assets",
                                    {{"ids", json::array{hidden, shown}}}, guest);
    BOOST_TEST(added.status == 200, added.body);
    const json::array expected{{{"id", hidden}, {"success", false}, {"error", "no_permission"}},
                               {{"id", shown}, {"success", false}, {"error", "duplicate"}}};
    BOOST_TEST(parsed(added) == json::value(expected), added.body);
    check_error(client().get("/api/asset/assetById/" + hidden, guest), 400,
                "Not found or no asset.read access");
    const auto stored = client().get("/api/album/" + album, owner.auth()).json();
    BOOST_TEST(ids_of(stored.at("assets").as_array()) == std::vector<std::string>{shown},
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(get_link(text(link, "id")).at("assets").as_array()) ==
                   std::vector<std::string>{shown},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_key_learns_nothing_of_assets_outside_its_link) {
    const auto inside = upload(owner, "test1.jpg");
    const auto link = individual({inside});
    const auto guest = with_share_key(text(link, "key"));
    // The owner's asset outside the link, looked up by its device ids.
    const auto tag = "rules-outside-" + std::to_string(++world.uploads);
    const auto outside =
        server.upload_bytes(owner.auth(), "test2.jpg", read_file(fixture("test2.jpg")) + tag, tag);
    BOOST_REQUIRE_EQUAL(outside.status, 201);
    const auto outside_id = text(outside.json(), "id");

    const auto checked = client().post(
        "/api/asset/check", {{"deviceAssetId", tag}, {"deviceId", "integration-tests"}}, guest);
    BOOST_TEST(checked.body.find(outside_id) == std::string::npos, checked.body);
    check_error(checked, 403, "Forbidden resource");
    // The owner does learn it.
    const auto as_owner =
        client().post("/api/asset/check",
                      {{"deviceAssetId", tag}, {"deviceId", "integration-tests"}}, owner.auth());
    BOOST_TEST(as_owner.status == 200, as_owner.body);
    BOOST_TEST(as_owner.json().at("id").as_string() == outside_id);
}

BOOST_AUTO_TEST_CASE(create_ignores_the_field_of_the_other_type) {
    const auto mine = upload(owner, "test1.jpg");
    const auto others = upload(other, "test2.jpg");
    const auto others_album = text(
        client()
            .post("/api/album", {{"albumName", "not shared"}, {"assetIds", json::array{others}}},
                  other.auth())
            .json(),
        "id");

    // An individual link with someone's album id opens no album.
    const auto single = individual({mine}, {{"albumId", others_album}});
    BOOST_TEST(!single.contains("album"));
    const auto single_guest = with_share_key(text(single, "key"));
    check_error(client().get("/api/album/" + others_album, single_guest), 400,
                "Not found or no album.read access");
    check_error(client().get("/api/asset/assetById/" + others, single_guest), 400,
                "Not found or no asset.read access");

    // An album link with extra asset ids shares the album only.
    const auto album = server.create_album(owner, "only this", {mine});
    const auto extra = upload(owner, "test3.jpg");
    const auto by_album = album_link(album, {{"assetIds", json::array{extra, others}}});
    BOOST_TEST(ids_of(get_link(text(by_album, "id")).at("assets").as_array()) ==
                   std::vector<std::string>{mine},
               boost::test_tools::per_element());
    const auto album_guest = with_share_key(text(by_album, "key"));
    check_error(client().get("/api/asset/assetById/" + extra, album_guest), 400,
                "Not found or no asset.read access");
    check_error(client().get("/api/asset/assetById/" + others, album_guest), 400,
                "Not found or no asset.read access");

    // Repeated ids make one asset.
    const auto twice = individual({mine, mine});
    BOOST_TEST(ids_of(twice.at("assets").as_array()) == std::vector<std::string>{mine},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_guest_sees_every_change_on_its_next_request) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto a3 = upload(owner, "test3.jpg");
    const auto album = server.create_album(owner, "watched", {a1});
    const auto by_album = album_link(album);
    const auto single = individual({a1});
    const auto album_key = text(by_album, "key");
    const auto single_key = text(single, "key");
    const auto single_id = text(single, "id");

    const auto view = [&](const std::string& key) {
        const auto result = me(key);
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "me answered " << result.status << " " << result.body);
        return result.json();
    };
    const auto asset_ids = [&](const std::string& key) {
        return id_set(view(key).at("assets").as_array());
    };
    const auto del_body = [](std::string_view field, const json::array& ids) {
        return json::serialize(json::object{{field, ids}});
    };

    // Guests look first, so whatever the server keeps of their view is warm.
    BOOST_TEST(asset_ids(album_key) == std::set<std::string>{a1});
    BOOST_TEST(asset_ids(single_key) == std::set<std::string>{a1});

    // The album gains and loses assets, and is renamed.
    BOOST_TEST(client()
                   .put("/api/album/" + album + "/assets", {{"ids", json::array{a2}}}, owner.auth())
                   .status == 200);
    BOOST_TEST(asset_ids(album_key) == (std::set<std::string>{a1, a2}));
    BOOST_TEST(view(album_key).at("album").at("assetCount").as_int64() == 2);
    BOOST_TEST(
        client()
            .del("/api/album/" + album + "/assets", owner.auth(), del_body("ids", json::array{a1}))
            .status == 200);
    BOOST_TEST(asset_ids(album_key) == std::set<std::string>{a2});
    BOOST_TEST(
        client().patch("/api/album/" + album, {{"albumName", "renamed"}}, owner.auth()).status ==
        200);
    BOOST_TEST(view(album_key).at("album").at("albumName").as_string() == "renamed");

    // The link gains and loses assets and changes its fields.
    BOOST_TEST(client()
                   .put("/api/shared-link/" + single_id + "/assets",
                        {{"assetIds", json::array{a3}}}, owner.auth())
                   .status == 200);
    BOOST_TEST(asset_ids(single_key) == (std::set<std::string>{a1, a3}));
    BOOST_TEST(client()
                   .del("/api/shared-link/" + single_id + "/assets", owner.auth(),
                        del_body("assetIds", json::array{a1}))
                   .status == 200);
    BOOST_TEST(asset_ids(single_key) == std::set<std::string>{a3});
    patch_link(single_id, {{"description", "fresh"}, {"allowDownload", false}});
    const auto patched = view(single_key);
    BOOST_TEST(patched.at("description").as_string() == "fresh");
    BOOST_TEST(patched.at("allowDownload").as_bool() == false);

    // An asset in the link changes.
    const auto updated = client().put(
        "/api/asset/" + a3, {{"isFavorite", true}, {"description", "by the bay"}}, owner.auth());
    BOOST_TEST(updated.status == 200, updated.body);
    const auto changed = view(single_key).at("assets").as_array();
    BOOST_REQUIRE(changed.size() == 1u);
    BOOST_TEST(changed[0].at("isFavorite").as_bool() == true);
    BOOST_TEST(changed[0].at("exifInfo").at("description").as_string() == "by the bay");

    // Assets are deleted.
    BOOST_TEST(
        client().del("/api/asset", owner.auth(), del_body("ids", json::array{a3, a2})).status ==
        200);
    BOOST_TEST(asset_ids(single_key).empty());
    BOOST_TEST(asset_ids(album_key).empty());
    BOOST_TEST(view(album_key).at("album").at("assetCount").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(a_deleted_owner_takes_a_warm_key_with_them) {
    const auto doomed = server.create_user(world.admin, "doomed@immich.app", "Dora", "Doomed");
    const auto tag = "rules-doomed-" + std::to_string(++world.uploads);
    const auto uploaded =
        server.upload_bytes(doomed.auth(), "test1.jpg", read_file(fixture("test1.jpg")) + tag, tag);
    BOOST_REQUIRE_EQUAL(uploaded.status, 201);
    const auto photo = text(uploaded.json(), "id");
    const auto link =
        server.create_link(doomed, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photo}}});
    const auto key = text(link, "key");
    BOOST_TEST(me(key).status == 200);
    BOOST_TEST(client().get("/api/asset/assetById/" + photo, with_share_key(key)).status == 200);

    BOOST_TEST(client().del("/api/user/" + doomed.id, world.admin.auth()).status == 200);
    check_error(me(key), 401, "Invalid share key");
    check_error(client().get("/api/asset/assetById/" + photo, with_share_key(key)), 401,
                "Invalid share key");
}

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
