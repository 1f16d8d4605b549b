#include "server/realtime/event_encoder.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace lightbox;

namespace {

asset photo_with_gps() {
    asset a;
    a.id = "a1";
    a.owner_id = "owner";
    a.original_path = "/data/upload/owner/a1.jpg";
    a.original_file_name = "test1";
    a.checksum = "H3WAaRVv22YBHliLUbfs53bCw/I=";
    exif_info exif;
    exif.latitude = 37.885;
    exif.longitude = -122.6225;
    a.exif = exif;
    return a;
}

shared_link hidden_metadata_link() {
    shared_link link;
    link.id = "l1";
    link.user_id = "owner";
    link.key = std::string(50, 'k');
    link.show_exif = false;
    return link;
}

const event_record& in_room(const std::vector<event_record>& records, const std::string& room) {
    for (const auto& each : records) {
        if (each.room == room) {
            return each;
        }
    }
    throw std::runtime_error("no record for " + room);
}

} // namespace

BOOST_AUTO_TEST_SUITE(event_encoder)

BOOST_AUTO_TEST_CASE(a_link_change_reaches_the_owner_whole_and_the_guests_stripped) {
    const auto link = hidden_metadata_link();
    const auto records = json_event_encoder{}.encode(
        shared_link_changed{{link, {}, std::nullopt}, link_change::assets_added,
                            {photo_with_gps()}, {}});
    BOOST_REQUIRE(records.size() == 2u);

    const auto& owner = in_room(records, user_room("owner"));
    BOOST_TEST(owner.name == "on_shared_link_update");
    const auto owner_payload = boost::json::parse(owner.payload);
    BOOST_TEST(owner_payload.at("change").as_string() == "assets_added");
    BOOST_TEST(owner_payload.at("assets").at(0).at("exifInfo").at("latitude").as_double() ==
               37.885);

    const auto& guest = in_room(records, link_room("l1"));
    BOOST_TEST(guest.payload.find("latitude") == std::string::npos);
    BOOST_TEST(guest.payload.find("test1") == std::string::npos);
    BOOST_TEST(guest.payload.find("H3WAaRVv22YBHliLUbfs53bCw") == std::string::npos);
    BOOST_TEST(guest.payload.find("/data/upload") == std::string::npos);
    BOOST_TEST(boost::json::parse(guest.payload).at("assets").at(0).at("id").as_string() == "a1");
}

BOOST_AUTO_TEST_CASE(immich_events_keep_immich_payloads) {
    const auto uploaded = json_event_encoder{}.encode(asset_uploaded{photo_with_gps()});
    BOOST_REQUIRE(uploaded.size() == 1u);
    BOOST_TEST(uploaded[0].room == user_room("owner"));
    BOOST_TEST(uploaded[0].name == "on_upload_success");
    BOOST_TEST(boost::json::parse(uploaded[0].payload).at("id").as_string() == "a1");

    const auto deleted = json_event_encoder{}.encode(asset_deleted{"owner", "a1", {"l1"}});
    BOOST_REQUIRE(deleted.size() == 2u);
    BOOST_TEST(deleted[0].name == "on_asset_delete");
    BOOST_TEST(deleted[0].payload == R"("a1")");
    BOOST_TEST(deleted[1].room == link_room("l1"));

    const auto updated = json_event_encoder{}.encode(assets_updated{"owner", {"a1"}, {}});
    BOOST_REQUIRE(updated.size() == 1u);
    BOOST_TEST(updated[0].payload == R"(["a1"])");
}

BOOST_AUTO_TEST_CASE(an_album_change_goes_to_each_member) {
    album_view view;
    view.entity.id = "al";
    view.entity.owner_id = "owner";
    view.owner.id = "owner";
    const auto records = json_event_encoder{}.encode(
        album_changed{view, album_change::users_removed, {"friend"}, {"owner", "friend"}});
    BOOST_REQUIRE(records.size() == 2u);
    BOOST_TEST(records[1].room == user_room("friend"));
    const auto payload = boost::json::parse(records[1].payload);
    BOOST_TEST(payload.at("change").as_string() == "users_removed");
    BOOST_TEST(payload.at("ids").at(0).as_string() == "friend");
    BOOST_TEST(payload.at("album").at("id").as_string() == "al");
}

BOOST_AUTO_TEST_SUITE_END()
