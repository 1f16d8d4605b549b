#include "samples.hpp"

#include "domain/crypto/crypto.hpp"
#include "domain/ids.hpp"
#include "persistence/open_store.hpp"
#include "persistence/sql/database_target.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace lightbox::testing {

namespace {

std::optional<std::string> postgres_template() {
    const char* text = std::getenv("LIGHTBOX_TEST_POSTGRES");
    if (text == nullptr || *text == '\0') {
        return std::nullopt;
    }
    return std::string(text);
}

std::string postgres_url(const std::string& database) {
    auto url = postgres_template().value();
    const std::string marker = "{database}";
    const auto at = url.find(marker);
    if (at == std::string::npos) {
        throw std::runtime_error("LIGHTBOX_TEST_POSTGRES has no {database}");
    }
    return url.replace(at, marker.size(), database);
}

std::unique_ptr<soci::session> postgres_admin() {
    return sql::connect(sql::parse_database_url(postgres_url("postgres")));
}

} // namespace

store_fixture::store_fixture() {
    if (postgres_template()) {
        static std::atomic<int> counter{0};
        postgres_database_ =
            "lightbox_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        *postgres_admin() << "CREATE DATABASE " + *postgres_database_;
        url = postgres_url(*postgres_database_);
    } else {
        dir_ = make_temp_dir("lightbox-persistence");
        url = "sqlite:" + (dir_ / "db" / "lightbox.db").string();
    }
    db = open_store({url, 4});
}

store_fixture::~store_fixture() {
    db.reset();
    if (postgres_database_) {
        *postgres_admin() << "DROP DATABASE " + *postgres_database_ + " WITH (FORCE)";
    } else {
        std::filesystem::remove_all(dir_);
    }
}

std::unique_ptr<soci::session> store_fixture::raw_session() const {
    return sql::connect(sql::parse_database_url(url));
}

timestamp at(const std::string& iso) {
    return parse_iso(iso).value();
}

user sample_user(const std::string& email) {
    user u;
    u.id = new_uuid();
    u.email = email;
    u.first_name = "Ada";
    u.last_name = "Lovelace";
    u.password_hash = "$2b$10$abcdefghijklmnopqrstuv";
    u.profile_image_path = "";
    u.oauth_id = "";
    u.library_id = new_uuid();
    u.created_at = at("2023-01-01T00:00:00.000Z");
    u.updated_at = at("2023-01-02T00:00:00.000Z");
    return u;
}

asset sample_asset(const std::string& owner_id, const std::string& checksum) {
    asset a;
    a.id = new_uuid();
    a.device_asset_id = "device-asset-" + checksum;
    a.owner_id = owner_id;
    a.device_id = "phone";
    a.library_id = new_uuid();
    a.original_path = "/data/upload/" + checksum + ".jpg";
    a.original_file_name = checksum + ".jpg";
    a.file_created_at = at("2023-05-01T10:00:00.000Z");
    a.file_modified_at = at("2023-05-01T10:00:01.000Z");
    a.updated_at = at("2023-05-02T00:00:00.000Z");
    a.checksum = checksum;
    return a;
}

album sample_album(const std::string& owner_id, const std::string& name) {
    album a;
    a.id = new_uuid();
    a.owner_id = owner_id;
    a.album_name = name;
    a.description = "";
    a.created_at = at("2023-06-01T00:00:00.000Z");
    a.updated_at = at("2023-06-01T00:00:00.000Z");
    return a;
}

shared_link sample_link(const std::string& user_id) {
    shared_link link;
    link.id = new_uuid();
    link.user_id = user_id;
    link.key = crypto::random_bytes(50);
    // A NUL and a high byte, which a text column must survive through their hex form.
    link.key[0] = '\0';
    link.key[1] = static_cast<char>(0xff);
    link.created_at = at("2023-07-01T00:00:00.000Z");
    return link;
}

user_session sample_session(const std::string& user_id) {
    user_session s;
    s.id = new_uuid();
    s.token_hash = "hash-" + new_uuid();
    s.user_id = user_id;
    s.device_type = "Chrome";
    s.device_os = "Linux";
    s.created_at = at("2023-02-01T00:00:00.000Z");
    s.updated_at = at("2023-02-01T00:00:00.000Z");
    return s;
}

api_key sample_api_key(const std::string& user_id) {
    api_key k;
    k.id = new_uuid();
    k.name = "backup script";
    k.key_hash = "hash-" + new_uuid();
    k.user_id = user_id;
    k.created_at = at("2023-03-01T00:00:00.000Z");
    k.updated_at = at("2023-03-01T00:00:00.000Z");
    return k;
}

exif_info full_exif() {
    exif_info e;
    e.make = "Ñikon \xe2\x80\x94 カメラ";
    e.model = "D'750\"";
    e.lens_model = "'; DROP TABLE asset; --";
    e.f_number = 2.8;
    e.focal_length = 0.1 + 0.2;
    e.iso = 6400;
    e.exposure_time = "1/174";
    e.exif_image_width = 6016;
    e.exif_image_height = 4016;
    e.orientation = "6";
    e.file_size_in_byte = 9'876'543'210LL;
    e.date_time_original = at("2013-02-06T16:00:03.123Z");
    e.modify_date = at("2013-02-07T08:09:10.000Z");
    e.time_zone = "Europe/Zürich";
    e.latitude = 52.520008123456789;
    e.longitude = -13.404954987654321;
    e.city = "Zürich";
    e.state = "Zürich";
    e.country = "Switzerland 🇨🇭";
    e.description = "'); DELETE FROM users; -- \\ % _ :name ?";
    e.projection_type = "EQUIRECTANGULAR";
    return e;
}

void check_same(const user& expected, const user& actual) {
    BOOST_TEST(expected.id == actual.id);
    BOOST_TEST(expected.email == actual.email);
    BOOST_TEST(expected.first_name == actual.first_name);
    BOOST_TEST(expected.last_name == actual.last_name);
    BOOST_TEST(expected.password_hash == actual.password_hash);
    BOOST_TEST((expected.storage_label == actual.storage_label));
    BOOST_TEST((expected.external_path == actual.external_path));
    BOOST_TEST(expected.profile_image_path == actual.profile_image_path);
    BOOST_TEST(expected.should_change_password == actual.should_change_password);
    BOOST_TEST(expected.is_admin == actual.is_admin);
    BOOST_TEST(expected.memories_enabled == actual.memories_enabled);
    BOOST_TEST(expected.oauth_id == actual.oauth_id);
    BOOST_TEST(expected.library_id == actual.library_id);
    BOOST_TEST(format_iso(expected.created_at) == format_iso(actual.created_at));
    BOOST_TEST(format_iso(expected.updated_at) == format_iso(actual.updated_at));
    BOOST_TEST((expected.deleted_at == actual.deleted_at));
}

void check_same(const exif_info& expected, const exif_info& actual) {
    BOOST_TEST((expected.make == actual.make));
    BOOST_TEST((expected.model == actual.model));
    BOOST_TEST((expected.lens_model == actual.lens_model));
    BOOST_TEST((expected.f_number == actual.f_number));
    BOOST_TEST((expected.focal_length == actual.focal_length));
    BOOST_TEST((expected.iso == actual.iso));
    BOOST_TEST((expected.exposure_time == actual.exposure_time));
    BOOST_TEST((expected.exif_image_width == actual.exif_image_width));
    BOOST_TEST((expected.exif_image_height == actual.exif_image_height));
    BOOST_TEST((expected.orientation == actual.orientation));
    BOOST_TEST((expected.file_size_in_byte == actual.file_size_in_byte));
    BOOST_TEST((expected.date_time_original == actual.date_time_original));
    BOOST_TEST((expected.modify_date == actual.modify_date));
    BOOST_TEST((expected.time_zone == actual.time_zone));
    BOOST_TEST((expected.latitude == actual.latitude));
    BOOST_TEST((expected.longitude == actual.longitude));
    BOOST_TEST((expected.city == actual.city));
    BOOST_TEST((expected.state == actual.state));
    BOOST_TEST((expected.country == actual.country));
    BOOST_TEST((expected.description == actual.description));
    BOOST_TEST((expected.projection_type == actual.projection_type));
}

void check_same(const asset& expected, const asset& actual) {
    BOOST_TEST(expected.id == actual.id);
    BOOST_TEST(expected.device_asset_id == actual.device_asset_id);
    BOOST_TEST(expected.owner_id == actual.owner_id);
    BOOST_TEST(expected.device_id == actual.device_id);
    BOOST_TEST(expected.library_id == actual.library_id);
    BOOST_TEST((expected.type == actual.type));
    BOOST_TEST(expected.original_path == actual.original_path);
    BOOST_TEST(expected.original_file_name == actual.original_file_name);
    BOOST_TEST(format_iso(expected.file_created_at) == format_iso(actual.file_created_at));
    BOOST_TEST(format_iso(expected.file_modified_at) == format_iso(actual.file_modified_at));
    BOOST_TEST(format_iso(expected.updated_at) == format_iso(actual.updated_at));
    BOOST_TEST(expected.is_favorite == actual.is_favorite);
    BOOST_TEST(expected.is_archived == actual.is_archived);
    BOOST_TEST(expected.is_external == actual.is_external);
    BOOST_TEST(expected.is_offline == actual.is_offline);
    BOOST_TEST(expected.is_read_only == actual.is_read_only);
    BOOST_TEST((expected.duration == actual.duration));
    BOOST_TEST((expected.live_photo_video_id == actual.live_photo_video_id));
    BOOST_TEST(expected.checksum == actual.checksum);
    BOOST_REQUIRE(expected.exif.has_value() == actual.exif.has_value());
    if (expected.exif) {
        check_same(*expected.exif, *actual.exif);
    }
}

void check_same(const album& expected, const album& actual) {
    BOOST_TEST(expected.id == actual.id);
    BOOST_TEST(expected.owner_id == actual.owner_id);
    BOOST_TEST(expected.album_name == actual.album_name);
    BOOST_TEST(expected.description == actual.description);
    BOOST_TEST((expected.album_thumbnail_asset_id == actual.album_thumbnail_asset_id));
    BOOST_TEST(format_iso(expected.created_at) == format_iso(actual.created_at));
    BOOST_TEST(format_iso(expected.updated_at) == format_iso(actual.updated_at));
}

void check_same(const shared_link& expected, const shared_link& actual) {
    BOOST_TEST(expected.id == actual.id);
    BOOST_TEST(expected.user_id == actual.user_id);
    BOOST_TEST((expected.key == actual.key));
    BOOST_TEST((expected.type == actual.type));
    BOOST_TEST((expected.description == actual.description));
    BOOST_TEST(format_iso(expected.created_at) == format_iso(actual.created_at));
    BOOST_TEST((expected.expires_at == actual.expires_at));
    BOOST_TEST(expected.allow_upload == actual.allow_upload);
    BOOST_TEST(expected.allow_download == actual.allow_download);
    BOOST_TEST(expected.show_exif == actual.show_exif);
    BOOST_TEST((expected.album_id == actual.album_id));
}

} // namespace lightbox::testing
