// Albums over real HTTP: creating, listing, reading, changing and deleting them, their assets
// and the users they are shared with (immich-surrounding-api.md §3, contract L5).
#include "api_checks.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

/// When the fixture photos were taken (their EXIF DateTimeOriginal, read as UTC).
const std::string taken_test1 = "2013-02-06T16:00:03.000Z";
const std::string taken_test2 = "2012-12-23T14:47:49.000Z";
const std::string taken_test3 = "2012-12-22T19:40:02.000Z";

/// One server and four accounts for the whole suite: every login is a bcrypt, and each test
/// makes its own albums and assets, so the tests do not see each other's work.
struct album_world {
    album_world() { current = this; }
    ~album_world() { current = nullptr; }

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app", "Olga", "Owner");
    account member = server.create_user(admin, "member@immich.app", "Mia", "Member");
    account stranger = server.create_user(admin, "stranger@immich.app", "Sam", "Stranger");
    int uploads = 0;

    static inline album_world* current = nullptr;
};

std::size_t position(const std::vector<std::string>& list, const std::string& value) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), value) - list.begin());
}

bool is_iso_date(const json::value& value) {
    static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
    return value.is_string() && std::regex_match(std::string(value.as_string()), iso);
}

struct album_case {
    album_case() { BOOST_REQUIRE(album_world::current != nullptr); }

    album_world& world = *album_world::current;
    test_server& server = world.server;
    const account& owner = world.owner;
    const account& member = world.member;
    const account& stranger = world.stranger;

    const test_client& client() const { return server.client(); }

    /// Uploads a fixture photo with a few bytes appended, so that every call makes a new asset
    /// (same EXIF, its own checksum), and returns the asset id.
    std::string upload(const account& who, const std::string& fixture_name) {
        const auto tag = "album-" + std::to_string(++world.uploads);
        const auto result = server.upload_bytes(who.auth(), fixture_name,
                                                read_file(fixture(fixture_name)) + tag, tag);
        BOOST_REQUIRE_MESSAGE(result.status == 201,
                              "upload answered " << result.status << " " << result.body);
        return text(result.json(), "id");
    }

    json::object create(const account& who, const json::object& body) {
        const auto result = client().post("/api/album", body, who.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 201,
                              "create album answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    json::object get(const account& who, const std::string& id) {
        const auto result = client().get("/api/album/" + id, who.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "get album answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    std::vector<std::string> listed(const account& who, const std::string& query = {}) {
        const auto result = client().get("/api/album" + query, who.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "list albums answered " << result.status << " " << result.body);
        return ids_of(result.json().as_array());
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(album, album_case, *utf::fixture<album_world>())

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_full_album) {
    const auto older = upload(owner, "test2.jpg");
    const auto newer = upload(owner, "test1.jpg");

    const auto result = client().post("/api/album",
                                      {{"albumName", "Point Reyes"},
                                       {"description", "winter walks"},
                                       {"assetIds", json::array{older, newer}}},
                                      owner.auth());
    BOOST_TEST(result.status == 201, result.body);
    const auto album = result.json().as_object();

    BOOST_TEST(keys_of(album) ==
                   (std::set<std::string>{"id", "ownerId", "owner", "albumName", "description",
                                          "albumThumbnailAssetId", "createdAt", "updatedAt",
                                          "sharedUsers", "assets", "assetCount", "startDate",
                                          "endDate", "shared", "hasSharedLink"}),
               result.body);
    BOOST_TEST(album.at("ownerId").as_string() == owner.id);
    BOOST_TEST(album.at("albumName").as_string() == "Point Reyes");
    BOOST_TEST(album.at("description").as_string() == "winter walks");
    BOOST_TEST(is_iso_date(album.at("createdAt")));
    BOOST_TEST(is_iso_date(album.at("updatedAt")));

    // The owner is a whole user, as GET /user/me shows it.
    const auto me = client().get("/api/user/me", owner.auth()).json();
    BOOST_TEST(album.at("owner") == me);
    BOOST_TEST(album.at("owner").at("email").as_string() == "owner@immich.app");
    BOOST_TEST(album.at("owner").at("firstName").as_string() == "Olga");

    // The thumbnail is the first id asked for; the assets are listed newest first.
    BOOST_TEST(album.at("albumThumbnailAssetId").as_string() == older);
    BOOST_TEST(album.at("assetCount").as_int64() == 2);
    const auto& assets = album.at("assets").as_array();
    BOOST_TEST(ids_of(assets) == (std::vector<std::string>{newer, older}),
               boost::test_tools::per_element());
    BOOST_TEST(assets.at(0).at("fileCreatedAt").as_string() == taken_test1);
    BOOST_TEST(assets.at(0).at("exifInfo").at("model").as_string() == "iPhone 4S");
    BOOST_TEST(album.at("startDate").as_string() == taken_test2);
    BOOST_TEST(album.at("endDate").as_string() == taken_test1);

    // Nobody else is in it yet.
    BOOST_TEST(album.at("sharedUsers").as_array().empty());
    BOOST_TEST(album.at("shared").as_bool() == false);
    BOOST_TEST(album.at("hasSharedLink").as_bool() == false);

    // It is stored as answered.
    const auto stored = get(owner, text(album, "id"));
    BOOST_TEST(stored.at("albumName").as_string() == "Point Reyes");
    BOOST_TEST(stored.at("assetCount").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(create_with_shared_users_and_no_assets) {
    const auto album =
        create(owner, {{"albumName", "together"}, {"sharedWithUserIds", json::array{member.id}}});
    BOOST_TEST(album.at("albumThumbnailAssetId").is_null());
    BOOST_TEST(album.at("assets").as_array().empty());
    BOOST_TEST(album.at("assetCount").as_int64() == 0);
    BOOST_TEST(!album.contains("startDate"));
    BOOST_TEST(!album.contains("endDate"));
    BOOST_TEST(album.at("description").as_string() == "");
    BOOST_TEST(album.at("shared").as_bool() == true);
    BOOST_TEST(album.at("hasSharedLink").as_bool() == false);
    const auto& users = album.at("sharedUsers").as_array();
    BOOST_REQUIRE(users.size() == 1u);
    BOOST_TEST(users[0].at("id").as_string() == member.id);
    BOOST_TEST(users[0].at("email").as_string() == "member@immich.app");
}

BOOST_AUTO_TEST_CASE(create_refuses_what_it_cannot_use) {
    const auto theirs = upload(stranger, "test3.jpg");
    const auto mine = upload(owner, "test1.jpg");
    const auto before = listed(owner);

    check_error(client().post("/api/album",
                              {{"albumName", "borrowed"}, {"assetIds", json::array{mine, theirs}}},
                              owner.auth()),
                400, "Not found or no asset.share access");
    check_error(client().post("/api/album",
                              {{"albumName", "borrowed"}, {"assetIds", json::array{unknown_id}}},
                              owner.auth()),
                400, "Not found or no asset.share access");
    check_error(
        client().post("/api/album",
                      {{"albumName", "nobody"}, {"sharedWithUserIds", json::array{unknown_id}}},
                      owner.auth()),
        400, "User not found");
    check_error(
        client().post("/api/album",
                      {{"albumName", "myself"}, {"sharedWithUserIds", json::array{owner.id}}},
                      owner.auth()),
        400, "Cannot be shared with owner");
    check_validation(client().post("/api/album", {{"albumName", ""}}, owner.auth()),
                     "albumName should not be empty");
    check_validation(
        client().post("/api/album", {{"albumName", "x"}, {"assetIds", "nope"}}, owner.auth()),
        "assetIds must be an array");
    check_error(client().post("/api/album", {{"albumName", "anonymous"}}), 401,
                "Authentication required");

    // None of them left an album behind.
    BOOST_TEST(listed(owner) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(repeated_ids_never_fail) {
    const auto photo = upload(owner, "test1.jpg");
    const auto album =
        create(owner, {{"albumName", "twice"}, {"assetIds", json::array{photo, photo}}});
    BOOST_TEST(album.at("assetCount").as_int64() == 1);
    BOOST_TEST(ids_of(album.at("assets").as_array()) == std::vector<std::string>{photo},
               boost::test_tools::per_element());

    const auto before = listed(owner);
    check_error(client().post("/api/album",
                              {{"albumName", "same friend twice"},
                               {"sharedWithUserIds", json::array{member.id, member.id}}},
                              owner.auth()),
                400, "User already added");
    BOOST_TEST(listed(owner) == before, boost::test_tools::per_element());

    const auto id = text(album, "id");
    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{member.id, member.id}}}, owner.auth()),
                400, "User already added");
    BOOST_TEST(get(owner, id).at("sharedUsers").as_array().empty());
}

BOOST_AUTO_TEST_CASE(list_filters_by_sharing_and_by_asset) {
    const auto photo = upload(owner, "test1.jpg");
    const auto alone =
        text(create(owner, {{"albumName", "alone"}, {"assetIds", json::array{photo}}}), "id");
    const auto with_member = text(create(owner, {{"albumName", "with member"},
                                                 {"sharedWithUserIds", json::array{member.id}}}),
                                  "id");
    const auto with_link = text(create(owner, {{"albumName", "with link"}}), "id");
    server.create_link(owner, {{"type", "ALBUM"}, {"albumId", with_link}});
    const auto members_own = text(
        create(member, {{"albumName", "member's"}, {"sharedWithUserIds", json::array{owner.id}}}),
        "id");

    // No filter: the caller's own albums, newest first, without their assets.
    const auto own_result = client().get("/api/album", owner.auth());
    BOOST_TEST(own_result.status == 200);
    const auto own_list = own_result.json().as_array();
    const auto own = ids_of(own_list);
    BOOST_TEST(contains(own, alone));
    BOOST_TEST(contains(own, with_member));
    BOOST_TEST(contains(own, with_link));
    BOOST_TEST(!contains(own, members_own));
    BOOST_TEST(position(own, with_link) < position(own, with_member));
    BOOST_TEST(position(own, with_member) < position(own, alone));
    for (const auto& each : own_list) {
        BOOST_TEST(each.at("ownerId").as_string() == owner.id);
        BOOST_TEST(each.at("assets").as_array().empty());
        if (each.at("id").as_string() == alone) {
            BOOST_TEST(each.at("assetCount").as_int64() == 1);
            BOOST_TEST(each.at("shared").as_bool() == false);
        }
        if (each.at("id").as_string() == with_link) {
            BOOST_TEST(each.at("hasSharedLink").as_bool() == true);
            BOOST_TEST(each.at("shared").as_bool() == true);
        }
    }

    // shared=true: shared with the caller, or the caller's with users or links.
    const auto shared = listed(owner, "?shared=true");
    BOOST_TEST(contains(shared, with_member));
    BOOST_TEST(contains(shared, with_link));
    BOOST_TEST(contains(shared, members_own));
    BOOST_TEST(!contains(shared, alone));

    // shared=false: the caller's albums with neither.
    const auto unshared = listed(owner, "?shared=false");
    BOOST_TEST(contains(unshared, alone));
    BOOST_TEST(!contains(unshared, with_member));
    BOOST_TEST(!contains(unshared, with_link));
    BOOST_TEST(!contains(unshared, members_own));

    // assetId: every album the caller may read that holds the asset.
    const auto added = client().put("/api/album/" + members_own + "/assets",
                                    {{"ids", json::array{photo}}}, owner.auth());
    BOOST_TEST(added.status == 200, added.body);
    const auto holding = listed(owner, "?assetId=" + photo);
    BOOST_TEST(holding.size() == 2u);
    BOOST_TEST(contains(holding, alone));
    BOOST_TEST(contains(holding, members_own));
    const auto member_holding = listed(member, "?assetId=" + photo);
    BOOST_TEST(member_holding == std::vector<std::string>{members_own},
               boost::test_tools::per_element());
    BOOST_TEST(listed(stranger, "?assetId=" + photo).empty());

    // Wrong values are validation errors.
    const auto bad_flag = client().get("/api/album?shared=yes", owner.auth());
    check_validation(bad_flag, "shared must be a boolean value");
    BOOST_TEST(bad_flag.json().at("message").as_array().size() == 1u);
    check_validation(client().get("/api/album?assetId=not-a-uuid", owner.auth()),
                     "assetId must be a UUID");
    check_validation(client().get("/api/album?shared=1", owner.auth()),
                     "shared must be a boolean value");
}

BOOST_AUTO_TEST_CASE(get_is_for_the_owner_and_shared_users) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto a3 = upload(owner, "test3.jpg");
    const auto id = text(create(owner, {{"albumName", "three"},
                                        {"assetIds", json::array{a3, a1, a2}},
                                        {"sharedWithUserIds", json::array{member.id}}}),
                         "id");

    const auto mine = get(owner, id);
    BOOST_TEST(mine.at("assetCount").as_int64() == 3);
    const auto& assets = mine.at("assets").as_array();
    BOOST_TEST(ids_of(assets) == (std::vector<std::string>{a1, a2, a3}),
               boost::test_tools::per_element());
    for (const auto& each : assets) {
        BOOST_TEST(each.as_object().contains("exifInfo"));
        BOOST_TEST(each.at("ownerId").as_string() == owner.id);
    }
    BOOST_TEST(assets.at(0).at("exifInfo").at("dateTimeOriginal").as_string() == taken_test1);
    BOOST_TEST(assets.at(2).at("exifInfo").at("dateTimeOriginal").as_string() == taken_test3);
    BOOST_TEST(mine.at("startDate").as_string() == taken_test3);
    BOOST_TEST(mine.at("endDate").as_string() == taken_test1);
    BOOST_TEST(mine.at("albumThumbnailAssetId").as_string() == a3);

    // A shared user reads the same album.
    const auto theirs = get(member, id);
    BOOST_TEST(ids_of(theirs.at("assets").as_array()) == ids_of(assets),
               boost::test_tools::per_element());
    BOOST_TEST(theirs.at("owner").at("id").as_string() == owner.id);

    // Nobody else does, and an unknown album reads the same.
    check_error(client().get("/api/album/" + id, stranger.auth()), 400,
                "Not found or no album.read access");
    check_error(client().get("/api/album/" + unknown_id, owner.auth()), 400,
                "Not found or no album.read access");
    check_validation(client().get("/api/album/not-a-uuid", owner.auth()), "id must be a UUID");
    check_error(client().get("/api/album/" + id), 401, "Authentication required");

    // withoutAssets keeps the count and the dates.
    const auto light = client().get("/api/album/" + id + "?withoutAssets=true", owner.auth());
    BOOST_TEST(light.status == 200);
    BOOST_TEST(light.json().at("assets").as_array().empty());
    BOOST_TEST(light.json().at("assetCount").as_int64() == 3);
    BOOST_TEST(light.json().at("startDate").as_string() == taken_test3);
}

BOOST_AUTO_TEST_CASE(patch_changes_name_description_and_thumbnail) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto outside = upload(owner, "test3.jpg");
    const auto id = text(create(owner, {{"albumName", "before"},
                                        {"description", "old words"},
                                        {"assetIds", json::array{a1, a2}},
                                        {"sharedWithUserIds", json::array{member.id}}}),
                         "id");

    const auto renamed = client().patch("/api/album/" + id, {{"albumName", "after"}}, owner.auth());
    BOOST_TEST(renamed.status == 200, renamed.body);
    BOOST_TEST(renamed.json().at("albumName").as_string() == "after");
    BOOST_TEST(renamed.json().at("description").as_string() == "old words");
    BOOST_TEST(renamed.json().at("albumThumbnailAssetId").as_string() == a1);

    const auto described =
        client().patch("/api/album/" + id,
                       {{"description", "new words"}, {"albumThumbnailAssetId", a2}}, owner.auth());
    BOOST_TEST(described.status == 200, described.body);
    BOOST_TEST(described.json().at("albumName").as_string() == "after");
    BOOST_TEST(described.json().at("description").as_string() == "new words");
    BOOST_TEST(described.json().at("albumThumbnailAssetId").as_string() == a2);

    // A thumbnail must be one of the album's assets.
    check_error(
        client().patch("/api/album/" + id, {{"albumThumbnailAssetId", outside}}, owner.auth()), 400,
        "Invalid album thumbnail");
    check_error(client().patch("/api/album/" + id,
                               {{"albumName", "sneaky"}, {"albumThumbnailAssetId", unknown_id}},
                               owner.auth()),
                400, "Invalid album thumbnail");

    // Only the owner changes an album; wrong types are validation errors.
    check_error(client().patch("/api/album/" + id, {{"albumName", "mine now"}}, member.auth()), 400,
                "Not found or no album.update access");
    check_error(client().patch("/api/album/" + id, {{"albumName", "mine now"}}, stranger.auth()),
                400, "Not found or no album.update access");
    check_validation(client().patch("/api/album/" + id, {{"albumName", 5}}, owner.auth()),
                     "albumName must be a string");
    check_validation(
        client().patch("/api/album/" + id, {{"albumThumbnailAssetId", "x"}}, owner.auth()),
        "albumThumbnailAssetId must be a UUID");

    // What the refused requests asked for never landed.
    const auto stored = get(owner, id);
    BOOST_TEST(stored.at("albumName").as_string() == "after");
    BOOST_TEST(stored.at("description").as_string() == "new words");
    BOOST_TEST(stored.at("albumThumbnailAssetId").as_string() == a2);
}

BOOST_AUTO_TEST_CASE(put_assets_answers_per_id) {
    const auto inside = upload(owner, "test1.jpg");
    const auto fresh = upload(owner, "test2.jpg");
    const auto theirs = upload(stranger, "test3.jpg");
    const auto id =
        text(create(owner, {{"albumName", "growing"}, {"assetIds", json::array{inside}}}), "id");

    const auto result = client().put(
        "/api/album/" + id + "/assets",
        {{"ids", json::array{inside, fresh, theirs, unknown_id, fresh}}}, owner.auth());
    BOOST_TEST(result.status == 200, result.body);
    const json::array expected{
        {{"id", inside}, {"success", false}, {"error", "duplicate"}},
        {{"id", fresh}, {"success", true}},
        {{"id", theirs}, {"success", false}, {"error", "no_permission"}},
        {{"id", unknown_id}, {"success", false}, {"error", "no_permission"}},
        {{"id", fresh}, {"success", false}, {"error", "duplicate"}},
    };
    BOOST_TEST(result.json() == json::value(expected), result.body);

    const auto stored = get(owner, id);
    BOOST_TEST(stored.at("assetCount").as_int64() == 2);
    const auto held = ids_of(stored.at("assets").as_array());
    BOOST_TEST(contains(held, inside));
    BOOST_TEST(contains(held, fresh));

    // An empty album takes its first added asset as thumbnail.
    const auto empty = text(create(owner, {{"albumName", "empty"}}), "id");
    BOOST_TEST(client()
                   .put("/api/album/" + empty + "/assets", {{"ids", json::array{fresh, inside}}},
                        owner.auth())
                   .status == 200);
    BOOST_TEST(get(owner, empty).at("albumThumbnailAssetId").as_string() == fresh);

    // Strangers cannot add; unknown albums and bad bodies are refused.
    check_error(client().put("/api/album/" + id + "/assets", {{"ids", json::array{theirs}}},
                             stranger.auth()),
                400, "Not found or no album.read access");
    check_error(client().put("/api/album/" + unknown_id + "/assets", {{"ids", json::array{fresh}}},
                             owner.auth()),
                400, "Album not found");
    check_validation(
        client().put("/api/album/" + id + "/assets", {{"ids", json::array{"nope"}}}, owner.auth()),
        "each value in ids must be a UUID");
}

BOOST_AUTO_TEST_CASE(delete_assets_answers_per_id) {
    const auto a1 = upload(owner, "test1.jpg");
    const auto a2 = upload(owner, "test2.jpg");
    const auto outside = upload(owner, "test3.jpg");
    const auto id =
        text(create(owner, {{"albumName", "shrinking"}, {"assetIds", json::array{a1, a2}}}), "id");

    const auto result =
        client().del("/api/album/" + id + "/assets", owner.auth(),
                     json::serialize(json::object{{"ids", json::array{a1, outside, a1}}}));
    BOOST_TEST(result.status == 200, result.body);
    const json::array expected{
        {{"id", a1}, {"success", true}},
        {{"id", outside}, {"success", false}, {"error", "not_found"}},
        {{"id", a1}, {"success", false}, {"error", "not_found"}},
    };
    BOOST_TEST(result.json() == json::value(expected), result.body);

    const auto stored = get(owner, id);
    BOOST_TEST(ids_of(stored.at("assets").as_array()) == std::vector<std::string>{a2},
               boost::test_tools::per_element());
    BOOST_TEST(stored.at("assetCount").as_int64() == 1);
    // The removed thumbnail is not kept.
    BOOST_TEST(stored.at("albumThumbnailAssetId").as_string() == a2);

    check_error(client().del("/api/album/" + id + "/assets", stranger.auth(),
                             json::serialize(json::object{{"ids", json::array{a2}}})),
                400, "Not found or no album.read access");
}

BOOST_AUTO_TEST_CASE(put_users_shares_once_with_real_users) {
    const auto id = text(create(owner, {{"albumName", "to share"}}), "id");

    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{owner.id}}}, owner.auth()),
                400, "Cannot be shared with owner");
    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{unknown_id}}}, owner.auth()),
                400, "User not found");
    check_validation(client().put("/api/album/" + id + "/users", {{"sharedUserIds", json::array{}}},
                                  owner.auth()),
                     "sharedUserIds should not be empty");

    const auto shared = client().put("/api/album/" + id + "/users",
                                     {{"sharedUserIds", json::array{member.id}}}, owner.auth());
    BOOST_TEST(shared.status == 200, shared.body);
    const auto album = shared.json();
    BOOST_TEST(album.at("shared").as_bool() == true);
    BOOST_TEST(ids_of(album.at("sharedUsers").as_array()) == std::vector<std::string>{member.id},
               boost::test_tools::per_element());

    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{member.id}}}, owner.auth()),
                400, "User already added");
    // A failing id later in the list leaves the earlier ones unshared.
    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{stranger.id, unknown_id}}},
                             owner.auth()),
                400, "User not found");
    BOOST_TEST(ids_of(get(owner, id).at("sharedUsers").as_array()) ==
                   std::vector<std::string>{member.id},
               boost::test_tools::per_element());
    check_error(client().put("/api/album/" + id + "/users",
                             {{"sharedUserIds", json::array{stranger.id}}}, member.auth()),
                400, "Not found or no album.share access");

    // The shared user now reads it.
    BOOST_TEST(client().get("/api/album/" + id, member.auth()).status == 200);
}

BOOST_AUTO_TEST_CASE(a_shared_user_leaves_with_me) {
    const auto id = text(
        create(owner, {{"albumName", "leave it"}, {"sharedWithUserIds", json::array{member.id}}}),
        "id");
    BOOST_TEST(client().get("/api/album/" + id, member.auth()).status == 200);

    check_error(client().del("/api/album/" + id + "/user/me", owner.auth()), 400,
                "Cannot remove album owner");
    check_error(client().del("/api/album/" + id + "/user/me", stranger.auth()), 400,
                "Not found or no album.read access");
    check_error(client().del("/api/album/" + id + "/user/not-a-uuid", owner.auth()), 400,
                "Validation failed (uuid v 4 is expected)");

    const auto left = client().del("/api/album/" + id + "/user/me", member.auth());
    BOOST_TEST(left.status == 200, left.body);
    BOOST_TEST(left.body.empty());

    check_error(client().get("/api/album/" + id, member.auth()), 400,
                "Not found or no album.read access");
    BOOST_TEST(get(owner, id).at("sharedUsers").as_array().empty());
    BOOST_TEST(get(owner, id).at("shared").as_bool() == false);
    check_error(client().del("/api/album/" + id + "/user/" + member.id, owner.auth()), 400,
                "Album not shared with user");
}

BOOST_AUTO_TEST_CASE(delete_album_answers_empty_200_and_revokes_its_links) {
    const auto photo = upload(owner, "test1.jpg");
    const auto id = text(create(owner, {{"albumName", "doomed"},
                                        {"assetIds", json::array{photo}},
                                        {"sharedWithUserIds", json::array{member.id}}}),
                         "id");
    const auto link = server.create_link(owner, {{"type", "ALBUM"}, {"albumId", id}});
    const auto key = text(link, "key");
    const auto link_id = text(link, "id");
    BOOST_TEST(client().get("/api/shared-link/me", with_share_key(key)).status == 200);
    BOOST_TEST(get(owner, id).at("hasSharedLink").as_bool() == true);

    // Only the owner deletes it.
    check_error(client().del("/api/album/" + id, member.auth()), 400,
                "Not found or no album.delete access");
    check_error(client().del("/api/album/" + id, stranger.auth()), 400,
                "Not found or no album.delete access");

    const auto deleted = client().del("/api/album/" + id, owner.auth());
    BOOST_TEST(deleted.status == 200, deleted.body);
    BOOST_TEST(deleted.body.empty());

    check_error(client().get("/api/album/" + id, owner.auth()), 400,
                "Not found or no album.read access");
    check_error(client().get("/api/album/" + id, member.auth()), 400,
                "Not found or no album.read access");
    BOOST_TEST(!contains(listed(owner), id));
    BOOST_TEST(!contains(listed(member, "?shared=true"), id));

    // L5: its link went with it.
    check_error(client().get("/api/shared-link/me", with_share_key(key)), 401, "Invalid share key");
    check_error(client().get("/api/shared-link/me?key=" + key), 401, "Invalid share key");
    check_error(client().get("/api/shared-link/" + link_id, owner.auth()), 400,
                "Shared link not found");
    const auto links = client().get("/api/shared-link", owner.auth());
    BOOST_TEST(!contains(ids_of(links.json().as_array()), link_id));

    // The asset itself stays.
    BOOST_TEST(client().get("/api/asset/assetById/" + photo, owner.auth()).status == 200);
    check_error(client().del("/api/album/" + id, owner.auth()), 400,
                "Not found or no album.delete access");
}

BOOST_AUTO_TEST_SUITE_END()
