// Reading, listing, changing and deleting assets over real HTTP, and what another user may
// not do with them.
#include "domain/crypto/crypto.hpp"
#include "server_behaviour_wire.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

using namespace lightbox::testing;
namespace crypto = lightbox::crypto;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

struct asset_accounts {
    static inline asset_accounts* instance = nullptr;

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app");
    account other = server.create_user(admin, "other@immich.app");

    asset_accounts() { instance = this; }
    ~asset_accounts() { instance = nullptr; }
};

asset_accounts& env() {
    return *asset_accounts::instance;
}
const test_client& client() {
    return env().server.client();
}

std::string text(const json::value& value, const char* key) {
    return std::string(value.at(key).as_string());
}

std::string upload(const account& who, const std::string& name, const std::string& device_asset) {
    const auto result =
        env().server.upload_bytes(who.auth(), name, read_file(fixture(name)), device_asset);
    BOOST_REQUIRE_MESSAGE(result.status == 201 || result.status == 200,
                          name << " answered " << result.status << " " << result.body);
    return text(result.json(), "id");
}

std::vector<std::string> ids_of(const http_result& result) {
    BOOST_REQUIRE_EQUAL(result.status, 200);
    std::vector<std::string> ids;
    const auto list = result.json();
    for (const auto& each : list.as_array()) {
        ids.push_back(text(each, "id"));
    }
    return ids;
}

json::value delete_body(const std::vector<std::string>& ids) {
    json::array list;
    for (const auto& id : ids) {
        list.emplace_back(id);
    }
    return json::object{{"ids", list}};
}

http_result delete_assets(const account& who, const std::vector<std::string>& ids) {
    return client().del("/api/asset", who.auth(), json::serialize(delete_body(ids)));
}

const std::string unknown_id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

} // namespace

BOOST_AUTO_TEST_SUITE(assets, *utf::fixture<asset_accounts>())

BOOST_AUTO_TEST_CASE(bulk_upload_check_finds_duplicates_by_hex_or_base64) {
    const auto id = upload(env().owner, "test2.jpg", "bulk-check");
    const std::string base64(expected_exif("test2.jpg").at("sha1_base64").as_string());
    const auto hex = crypto::hex_encode(*crypto::base64_decode(base64));
    const std::string unknown_hex(40, 'a');
    const std::string other(expected_exif("test3.jpg").at("sha1_base64").as_string());

    const auto result = client().post("/api/asset/bulk-upload-check",
                                      {{"assets",
                                        json::array{
                                            {{"id", "by-hex"}, {"checksum", hex}},
                                            {{"id", "by-base64"}, {"checksum", base64}},
                                            {{"id", "new"}, {"checksum", unknown_hex}},
                                            {{"id", "other"}, {"checksum", other}},
                                        }}},
                                      env().owner.auth());
    BOOST_TEST(result.status == 200, result.body);
    const auto expected =
        json::parse(R"({"results":[)"
                    R"({"id":"by-hex","action":"reject","reason":"duplicate","assetId":")" +
                    id +
                    R"("},)"
                    R"({"id":"by-base64","action":"reject","reason":"duplicate","assetId":")" +
                    id +
                    R"("},)"
                    R"({"id":"new","action":"accept"},{"id":"other","action":"accept"}]})");
    BOOST_TEST(result.json() == expected, result.body);

    // The lookup is the caller's own assets only.
    const auto for_other = client().post(
        "/api/asset/bulk-upload-check",
        {{"assets", json::array{{{"id", "x"}, {"checksum", base64}}}}}, env().other.auth());
    BOOST_TEST(for_other.json() == json::parse(R"({"results":[{"id":"x","action":"accept"}]})"));
    check_validation_of(
        client().post("/api/asset/bulk-upload-check", json::object{}, env().owner.auth()),
        "assets");
}

BOOST_AUTO_TEST_CASE(check_and_device_listing_find_uploads_by_device_asset_id) {
    const auto id = upload(env().owner, "right.jpg", "device-asset-right");

    const auto found =
        client().post("/api/asset/check",
                      {{"deviceAssetId", "device-asset-right"}, {"deviceId", "integration-tests"}},
                      env().owner.auth());
    BOOST_TEST(found.status == 200, found.body);
    BOOST_TEST(found.json() == json::parse(R"({"isExist":true,"id":")" + id + R"("})"));
    const auto missing =
        client().post("/api/asset/check",
                      {{"deviceAssetId", "nothing-like-it"}, {"deviceId", "integration-tests"}},
                      env().owner.auth());
    BOOST_TEST(missing.json() == json::parse(R"({"isExist":false})"));
    const auto not_theirs =
        client().post("/api/asset/check",
                      {{"deviceAssetId", "device-asset-right"}, {"deviceId", "integration-tests"}},
                      env().other.auth());
    BOOST_TEST(not_theirs.json() == json::parse(R"({"isExist":false})"));
    check_validation_of(
        client().post("/api/asset/check", {{"deviceAssetId", "x"}}, env().owner.auth()),
        "deviceId");

    const auto listed = client().get("/api/asset/integration-tests", env().owner.auth());
    BOOST_TEST(listed.status == 200);
    std::set<std::string> device_ids;
    const auto listed_ids = listed.json();
    for (const auto& each : listed_ids.as_array()) {
        device_ids.emplace(each.as_string());
    }
    BOOST_TEST(device_ids.count("device-asset-right") == 1u);
    BOOST_TEST(client().get("/api/asset/integration-tests", env().other.auth()).json() ==
               json::array{});
    BOOST_TEST(client().get("/api/asset/another-device", env().owner.auth()).json() ==
               json::array{});
}

BOOST_AUTO_TEST_CASE(listing_filters_and_pages_newest_first) {
    const auto lister = env().server.create_user(env().admin, "lister@immich.app");
    const auto newest = upload(lister, "test1.jpg", "l1");
    const auto middle = upload(lister, "test2.jpg", "l2");
    const auto oldest = upload(lister, "test3.jpg", "l3");

    const auto all = client().get("/api/asset", lister.auth());
    BOOST_TEST((ids_of(all) == std::vector<std::string>{newest, middle, oldest}));
    const auto first = all.json().as_array()[0].as_object();
    BOOST_TEST(first.at("fileCreatedAt").as_string() == "2013-02-06T16:00:03.000Z");
    BOOST_TEST(first.at("exifInfo").at("make").as_string() == "Apple");

    BOOST_TEST((ids_of(client().get("/api/asset?take=1", lister.auth())) ==
                std::vector<std::string>{newest}));
    BOOST_TEST((ids_of(client().get("/api/asset?skip=1&take=1", lister.auth())) ==
                std::vector<std::string>{middle}));
    BOOST_TEST((ids_of(client().get("/api/asset?skip=2", lister.auth())) ==
                std::vector<std::string>{oldest}));
    BOOST_TEST(ids_of(client().get("/api/asset?skip=5&take=5", lister.auth())).empty());

    const auto favorite =
        client().put("/api/asset/" + middle, {{"isFavorite", true}}, lister.auth());
    BOOST_TEST(favorite.status == 200, favorite.body);
    BOOST_TEST((ids_of(client().get("/api/asset?isFavorite=true", lister.auth())) ==
                std::vector<std::string>{middle}));
    BOOST_TEST((ids_of(client().get("/api/asset?isFavorite=false", lister.auth())) ==
                std::vector<std::string>{newest, oldest}));

    check_validation(client().get("/api/asset?isFavorite=yes", lister.auth()),
                     "isFavorite must be a boolean value");
    check_validation_of(client().get("/api/asset?skip=-1", lister.auth()), "skip");
    check_validation_of(client().get("/api/asset?take=many", lister.auth()), "take");
    for (const auto& id : ids_of(client().get("/api/asset", env().other.auth()))) {
        BOOST_TEST((id != newest && id != middle && id != oldest));
    }
}

BOOST_AUTO_TEST_CASE(the_owner_updates_favorite_and_description) {
    const auto id = upload(env().owner, "down-mirrored.jpg", "update-me");
    const auto result = client().put("/api/asset/" + id,
                                     {{"isFavorite", true}, {"description", "Down, mirrored ☀"}},
                                     env().owner.auth());
    BOOST_TEST(result.status == 200, result.body);
    const auto body = result.json();
    BOOST_TEST(body.at("id").as_string() == id);
    BOOST_TEST(body.at("isFavorite").as_bool() == true);
    BOOST_TEST(body.at("exifInfo").at("description").as_string() == "Down, mirrored ☀");
    BOOST_TEST(body.at("exifInfo").at("orientation").as_string() == "4");

    const auto read = client().get("/api/asset/assetById/" + id, env().owner.auth()).json();
    BOOST_TEST(read.at("isFavorite").as_bool() == true);
    BOOST_TEST(read.at("exifInfo").at("description").as_string() == "Down, mirrored ☀");

    const auto unfavorite =
        client().put("/api/asset/" + id, {{"isFavorite", false}}, env().owner.auth()).json();
    BOOST_TEST(unfavorite.at("isFavorite").as_bool() == false);
    BOOST_TEST(unfavorite.at("exifInfo").at("description").as_string() == "Down, mirrored ☀");

    check_error(client().put("/api/asset/" + id, {{"isFavorite", true}}, env().other.auth()), 400,
                "Bad Request", "Not found or no asset.update access");
    check_error(
        client().put("/api/asset/" + unknown_id, {{"isFavorite", true}}, env().owner.auth()), 400,
        "Bad Request", "Not found or no asset.update access");
    check_validation(client().put("/api/asset/" + id, {{"isFavorite", "yes"}}, env().owner.auth()),
                     "isFavorite must be a boolean value");
    check_validation(
        client().put("/api/asset/not-a-uuid", {{"isFavorite", true}}, env().owner.auth()),
        "id must be a UUID");
    BOOST_TEST(client()
                   .get("/api/asset/assetById/" + id, env().owner.auth())
                   .json()
                   .at("isFavorite")
                   .as_bool() == false);
}

BOOST_AUTO_TEST_CASE(the_original_is_served_byte_for_byte_to_its_owner_only) {
    const auto bytes = read_file(fixture("DSCN0614_small.jpg"));
    const auto id = upload(env().owner, "DSCN0614_small.jpg", "served");

    const auto file = client().get("/api/asset/file/" + id, env().owner.auth());
    BOOST_TEST(file.status == 200);
    BOOST_TEST(file.header("content-type") == "image/jpeg");
    BOOST_TEST(file.body.size() == bytes.size());
    BOOST_TEST((file.body == bytes));

    const auto download =
        client().request("POST", "/api/asset/download/" + id, {}, env().owner.auth());
    BOOST_TEST(download.status == 200);
    BOOST_TEST((download.body == bytes));

    check_error(client().get("/api/asset/file/" + id, env().other.auth()), 400, "Bad Request",
                "Not found or no asset.download access");
    check_error(client().get("/api/asset/assetById/" + id, env().other.auth()), 400, "Bad Request",
                "Not found or no asset.read access");
    check_error(client().get("/api/asset/assetById/" + unknown_id, env().owner.auth()), 400,
                "Bad Request", "Not found or no asset.read access");
    check_error(client().get("/api/asset/file/" + unknown_id, env().owner.auth()), 400,
                "Bad Request", "Not found or no asset.download access");
    check_error(client().get("/api/asset/file/" + id), 401, "Unauthorized",
                "Authentication required");
    check_validation(client().get("/api/asset/file/1234", env().owner.auth()), "id must be a UUID");
}

BOOST_AUTO_TEST_CASE(delete_answers_per_id_and_removes_the_original) {
    const auto mine = upload(env().owner, "lens_info.jpg", "delete-me");
    const auto theirs = upload(env().other, "lens_info.jpg", "not-yours");
    const auto read = client().get("/api/asset/assetById/" + mine, env().owner.auth()).json();
    const std::filesystem::path original(text(read, "originalPath"));
    BOOST_REQUIRE(std::filesystem::exists(original));

    const auto result = delete_assets(env().owner, {mine, theirs, unknown_id});
    BOOST_TEST(result.status == 200, result.body);
    BOOST_TEST(result.json() == json::parse(R"([{"id":")" + mine +
                                            R"(","status":"SUCCESS"},)"
                                            R"({"id":")" +
                                            theirs +
                                            R"(","status":"FAILED"},)"
                                            R"({"id":")" +
                                            unknown_id + R"(","status":"FAILED"}])"),
               result.body);
    BOOST_TEST(!std::filesystem::exists(original));
    check_error(client().get("/api/asset/assetById/" + mine, env().owner.auth()), 400,
                "Bad Request", "Not found or no asset.read access");
    BOOST_TEST(client().get("/api/asset/assetById/" + theirs, env().other.auth()).status == 200);

    const auto again = delete_assets(env().owner, {mine});
    BOOST_TEST(again.json() == json::parse(R"([{"id":")" + mine + R"(","status":"FAILED"}])"));
    check_validation(client().del("/api/asset", env().owner.auth(), R"({"ids":["nope"]})"),
                     "each value in ids must be a UUID");
    check_validation_of(client().del("/api/asset", env().owner.auth(), "{}"), "ids");

    // The same bytes upload as a new asset once the old one is gone.
    const auto reuploaded = env().server.upload_bytes(env().owner.auth(), "lens_info.jpg",
                                                      read_file(fixture("lens_info.jpg")), "back");
    BOOST_TEST(reuploaded.status == 201, reuploaded.body);
    BOOST_TEST(reuploaded.json().at("id").as_string() != mine);
}

BOOST_AUTO_TEST_SUITE_END()
