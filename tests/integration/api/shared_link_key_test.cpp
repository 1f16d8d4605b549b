// What a link's key may do (contract L2, L3): expiry, the assets it reaches, downloads and
// uploads, and a guest seeing every change at once.
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

BOOST_FIXTURE_TEST_SUITE(shared_link_keys, rules_case, *utf::fixture<rules_world>())

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

BOOST_AUTO_TEST_SUITE_END()
