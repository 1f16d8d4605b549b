// What a guest holding a key sees (contract L4): with `showExif:false` no metadata reaches it
// on any path; whatever the flag, no people and no private owner fields. The owner always
// sees everything.
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

const std::vector<std::string> gps_fixtures = {"test1.jpg", "test2.jpg", "test3.jpg"};

const std::set<std::string> guest_asset_fields = {"id",      "type",     "thumbhash",
                                                  "resized", "duration", "livePhotoVideoId"};

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

std::set<std::string> keys_of(const json::object& object) {
    std::set<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace(entry.key());
    }
    return keys;
}

std::set<std::string> id_set(const json::array& items) {
    std::set<std::string> ids;
    for (const auto& item : items) {
        ids.insert(text(item, "id"));
    }
    return ids;
}

/// The GPS photos, an album holding them, and one link of each kind with the metadata hidden
/// and shown. The suite only reads them.
struct guest_world {
    guest_world() {
        // The owner has a storage label and an external path a guest must not see.
        const auto created = server.client().post("/api/user",
                                                  {{"email", "owner@immich.app"},
                                                   {"password", "Password123"},
                                                   {"firstName", "Olga"},
                                                   {"lastName", "Owner"},
                                                   {"storageLabel", "olga-label"},
                                                   {"externalPath", "/mnt/olga-external"}},
                                                  admin.auth());
        BOOST_REQUIRE_EQUAL(created.status, 201);
        owner = server.login("owner@immich.app", "Password123");
        BOOST_REQUIRE(server.client().get("/api/user/me", owner.auth()).json().at("storageLabel") ==
                      json::value("olga-label"));

        for (const auto& name : gps_fixtures) {
            assets[name] = server.upload(owner, name);
        }
        album_id = server.create_album(
            owner, "Bay Area", {assets["test1.jpg"], assets["test2.jpg"], assets["test3.jpg"]});
        const json::array all{assets["test1.jpg"], assets["test2.jpg"], assets["test3.jpg"]};
        hidden_album = server.create_link(
            owner, {{"type", "ALBUM"}, {"albumId", album_id}, {"showExif", false}});
        hidden_single = server.create_link(
            owner, {{"type", "INDIVIDUAL"}, {"assetIds", all}, {"showExif", false}});
        shown_album = server.create_link(
            owner, {{"type", "ALBUM"}, {"albumId", album_id}, {"showExif", true}});
        shown_single = server.create_link(
            owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{assets["test1.jpg"]}}});
        current = this;
    }
    ~guest_world() { current = nullptr; }

    test_server server;
    account admin = server.sign_up_admin();
    account owner;
    std::map<std::string, std::string> assets;
    std::string album_id;
    json::object hidden_album;
    json::object hidden_single;
    json::object shown_album;
    json::object shown_single;

    static inline guest_world* current = nullptr;
};

struct guest_case {
    guest_case() { BOOST_REQUIRE(guest_world::current != nullptr); }

    guest_world& world = *guest_world::current;
    const test_client& client() const { return world.server.client(); }

    static header_list key_of(const json::object& link) {
        return with_share_key(text(link, "key"));
    }

    http_result guest_get(const json::object& link, const std::string& target) {
        const auto result = client().get(target, key_of(link));
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              target << " answered " << result.status << " " << result.body);
        return result;
    }

    /// The name of the fixture an asset id was uploaded from.
    std::string fixture_of(const std::string& asset_id) const {
        for (const auto& [name, id] : world.assets) {
            if (id == asset_id) {
                return name;
            }
        }
        BOOST_FAIL("unknown asset " << asset_id);
        return {};
    }

    /// Nothing in a raw response body that tells where, when or from what file a photo came.
    void check_no_metadata(const std::string& body) {
        std::vector<std::string> forbidden = {"\"exifInfo\"",
                                              "\"latitude\"",
                                              "\"longitude\"",
                                              "\"originalPath\"",
                                              "\"originalFileName\"",
                                              "\"checksum\"",
                                              "\"deviceId\"",
                                              "\"deviceAssetId\"",
                                              "\"people\"",
                                              "\"smartInfo\"",
                                              "iPhone",
                                              "Apple",
                                              "integration-tests",
                                              world.server.data_dir().string(),
                                              "olga-label",
                                              "/mnt/olga-external",
                                              "owner@immich.app"};
        for (const auto& name : gps_fixtures) {
            forbidden.push_back(name.substr(0, name.find('.')));
            forbidden.push_back(std::string(expected_exif(name).at("sha1_base64").as_string()));
        }
        for (const auto& needle : forbidden) {
            BOOST_TEST(body.find(needle) == std::string::npos,
                       "the guest response shows " << needle << ": " << body);
        }
    }

    void check_guest_asset(const json::value& asset) {
        BOOST_TEST(keys_of(asset.as_object()) == guest_asset_fields, asset);
        BOOST_TEST(asset.at("type").as_string() == "IMAGE");
    }

    /// The owner as a guest sees it: the same shape as a user, the private fields empty.
    void check_guest_owner(const json::value& user) {
        const auto as_owner = client().get("/api/user/me", world.owner.auth()).json();
        BOOST_TEST(keys_of(user.as_object()) == keys_of(as_owner.as_object()), user);
        BOOST_TEST(user.at("id").as_string() == world.owner.id);
        BOOST_TEST(user.at("firstName").as_string() == "Olga");
        BOOST_TEST(user.at("email").as_string() == "");
        BOOST_TEST(user.at("storageLabel").is_null());
        BOOST_TEST(user.at("externalPath").is_null());
        BOOST_TEST(user.at("oauthId").as_string() == "");
    }

    void check_gps(const json::value& asset) {
        const auto& expected = expected_exif(fixture_of(text(asset, "id")));
        const auto& exif = asset.at("exifInfo");
        BOOST_TEST(exif.at("latitude").to_number<double>() ==
                       expected.at("GPSLatitude").to_number<double>(),
                   boost::test_tools::tolerance(1e-6));
        BOOST_TEST(exif.at("longitude").to_number<double>() ==
                       expected.at("GPSLongitude").to_number<double>(),
                   boost::test_tools::tolerance(1e-6));
        BOOST_TEST(exif.at("model").as_string() == "iPhone 4S");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(shared_link_guest, guest_case, *utf::fixture<guest_world>())

BOOST_AUTO_TEST_CASE(me_hides_metadata_when_show_exif_is_off) {
    for (const auto* link : {&world.hidden_album, &world.hidden_single}) {
        BOOST_TEST_CONTEXT(text(*link, "type")) {
            const auto result = guest_get(*link, "/api/shared-link/me");
            check_no_metadata(result.body);
            const auto body = result.json();
            BOOST_TEST(body.at("showExif").as_bool() == false);
            const auto& assets = body.at("assets").as_array();
            BOOST_TEST(assets.size() == 3u);
            BOOST_TEST(id_set(assets) ==
                       (std::set<std::string>{world.assets["test1.jpg"], world.assets["test2.jpg"],
                                              world.assets["test3.jpg"]}));
            for (const auto& asset : assets) {
                check_guest_asset(asset);
            }
        }
    }
    const auto album_body = guest_get(world.hidden_album, "/api/shared-link/me").json();
    check_guest_owner(album_body.at("album").at("owner"));
}

BOOST_AUTO_TEST_CASE(the_album_read_with_a_key_hides_metadata_too) {
    const auto result = guest_get(world.hidden_album, "/api/album/" + world.album_id);
    check_no_metadata(result.body);
    const auto album = result.json();
    BOOST_TEST(album.at("id").as_string() == world.album_id);
    const auto& assets = album.at("assets").as_array();
    BOOST_TEST(assets.size() == 3u);
    for (const auto& asset : assets) {
        check_guest_asset(asset);
    }
    check_guest_owner(album.at("owner"));

    // Without assets too.
    check_no_metadata(
        guest_get(world.hidden_album, "/api/album/" + world.album_id + "?withoutAssets=true").body);

    // A key for an individual link opens no album.
    const auto refused = client().get("/api/album/" + world.album_id, key_of(world.hidden_single));
    BOOST_TEST(refused.status == 400, refused.body);
    BOOST_TEST(refused.json().at("message").as_string() == "Not found or no album.read access");
}

BOOST_AUTO_TEST_CASE(an_asset_read_with_a_key_hides_metadata_too) {
    for (const auto* link : {&world.hidden_album, &world.hidden_single}) {
        for (const auto& [name, id] : world.assets) {
            BOOST_TEST_CONTEXT(text(*link, "type") << " " << name) {
                const auto result = guest_get(*link, "/api/asset/assetById/" + id);
                check_no_metadata(result.body);
                const auto asset = result.json();
                BOOST_TEST(asset.at("id").as_string() == id);
                check_guest_asset(asset);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(guests_never_see_people_or_private_owner_fields) {
    const auto paths = {std::string("/api/shared-link/me"), "/api/album/" + world.album_id,
                        "/api/asset/assetById/" + world.assets["test1.jpg"]};
    for (const auto& target : paths) {
        BOOST_TEST_CONTEXT(target) {
            const auto body = guest_get(world.shown_album, target).body;
            BOOST_TEST(body.find("\"people\"") == std::string::npos, body);
            BOOST_TEST(body.find("owner@immich.app") == std::string::npos, body);
            BOOST_TEST(body.find("olga-label") == std::string::npos, body);
            BOOST_TEST(body.find("/mnt/olga-external") == std::string::npos, body);
        }
    }
    check_guest_owner(
        guest_get(world.shown_album, "/api/shared-link/me").json().at("album").at("owner"));
    check_guest_owner(
        guest_get(world.shown_album, "/api/album/" + world.album_id).json().at("owner"));
    BOOST_TEST(guest_get(world.shown_single, "/api/shared-link/me").body.find("\"people\"") ==
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_show_exif_on_the_guest_sees_the_right_gps) {
    const auto single = guest_get(world.shown_single, "/api/shared-link/me").json();
    BOOST_REQUIRE(single.at("assets").as_array().size() == 1u);
    check_gps(single.at("assets").as_array()[0]);

    const auto through_album = guest_get(world.shown_album, "/api/shared-link/me").json();
    BOOST_TEST(through_album.at("assets").as_array().size() == 3u);
    for (const auto& asset : through_album.at("assets").as_array()) {
        check_gps(asset);
    }

    const auto album = guest_get(world.shown_album, "/api/album/" + world.album_id).json();
    BOOST_TEST(album.at("assets").as_array().size() == 3u);
    for (const auto& asset : album.at("assets").as_array()) {
        check_gps(asset);
    }

    for (const auto& [name, id] : world.assets) {
        BOOST_TEST_CONTEXT(name) {
            check_gps(guest_get(world.shown_album, "/api/asset/assetById/" + id).json());
        }
    }
}

BOOST_AUTO_TEST_CASE(the_owner_always_sees_everything) {
    for (const auto* link : {&world.hidden_album, &world.hidden_single}) {
        BOOST_TEST_CONTEXT(text(*link, "type")) {
            const auto result =
                client().get("/api/shared-link/" + text(*link, "id"), world.owner.auth());
            BOOST_TEST(result.status == 200, result.body);
            const auto body = result.json();
            BOOST_TEST(body.at("showExif").as_bool() == false);
            const auto& assets = body.at("assets").as_array();
            BOOST_TEST(assets.size() == 3u);
            for (const auto& asset : assets) {
                const auto name = fixture_of(text(asset, "id"));
                check_gps(asset);
                BOOST_TEST(asset.at("checksum").as_string() ==
                           expected_exif(name).at("sha1_base64").as_string());
                BOOST_TEST(asset.at("originalFileName").as_string() ==
                           name.substr(0, name.find('.')));
                BOOST_TEST(
                    text(asset, "originalPath").starts_with(world.server.data_dir().string()));
                BOOST_TEST(asset.at("deviceId").as_string() == "integration-tests");
                BOOST_TEST(!text(asset, "deviceAssetId").empty());
                BOOST_TEST(asset.at("exifInfo").at("fileSizeInByte").as_int64() ==
                           expected_exif(name).at("FileSize").as_int64());
            }
            if (body.as_object().contains("album")) {
                BOOST_TEST(body.at("album").at("owner").at("email").as_string() ==
                           "owner@immich.app");
                BOOST_TEST(body.at("album").at("owner").at("storageLabel").as_string() ==
                           "olga-label");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(hiding_metadata_applies_to_the_next_guest_request) {
    // A link of its own, so the shared ones keep their flags.
    const auto link = world.server.create_link(
        world.owner,
        {{"type", "INDIVIDUAL"}, {"assetIds", json::array{world.assets["test2.jpg"]}}});
    const auto id = text(link, "id");
    const auto target = "/api/asset/assetById/" + world.assets["test2.jpg"];
    BOOST_TEST(guest_get(link, target).json().as_object().contains("exifInfo"));
    const auto shown = guest_get(link, "/api/shared-link/me").json();
    BOOST_TEST(shown.at("assets").as_array().at(0).as_object().contains("exifInfo"));

    const auto hidden =
        client().patch("/api/shared-link/" + id, {{"showExif", false}}, world.owner.auth());
    BOOST_TEST(hidden.status == 200, hidden.body);
    check_no_metadata(guest_get(link, target).body);
    check_no_metadata(guest_get(link, "/api/shared-link/me").body);

    BOOST_TEST(client().del("/api/shared-link/" + id, world.owner.auth()).status == 200);
}

BOOST_AUTO_TEST_CASE(a_hidden_metadata_download_carries_no_exif) {
    const auto link =
        world.server.create_link(world.owner, {{"type", "INDIVIDUAL"},
                                               {"assetIds", json::array{world.assets["test1.jpg"]}},
                                               {"showExif", false},
                                               {"allowDownload", true}});
    const auto original = read_file(fixture("test1.jpg"));
    BOOST_REQUIRE(original.find("iPhone 4S") != std::string::npos);

    const auto downloaded = client().request(
        "POST", "/api/asset/download/" + world.assets["test1.jpg"], {}, key_of(link));
    BOOST_TEST(downloaded.status == 200, downloaded.body.substr(0, 200));
    BOOST_TEST(downloaded.body.substr(0, 2) == std::string("\xFF\xD8"));
    BOOST_TEST(downloaded.body.find("iPhone") == std::string::npos);
    BOOST_TEST(downloaded.body.find("Apple") == std::string::npos);
    BOOST_TEST(downloaded.header("content-disposition").find("test1") == std::string::npos);

    // The owner still downloads the original as uploaded.
    const auto as_owner = client().request(
        "POST", "/api/asset/download/" + world.assets["test1.jpg"], {}, world.owner.auth());
    BOOST_TEST(as_owner.status == 200);
    BOOST_TEST((as_owner.body == original));

    BOOST_TEST(client().del("/api/shared-link/" + text(link, "id"), world.owner.auth()).status ==
               200);
}

BOOST_AUTO_TEST_SUITE_END()
