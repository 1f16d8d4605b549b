// Uploads over real HTTP: every fixture photo with the EXIF exiftool reads from it, the
// duplicates, the bad requests, a body cut off mid-way and a 110 MB original.
#include "domain/crypto/crypto.hpp"
#include "server_behaviour_wire.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

using namespace lightbox::testing;
namespace crypto = lightbox::crypto;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

struct upload_accounts {
    static inline upload_accounts* instance = nullptr;

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "uploader@immich.app");

    upload_accounts() { instance = this; }
    ~upload_accounts() { instance = nullptr; }
};

upload_accounts& env() {
    return *upload_accounts::instance;
}
const test_client& client() {
    return env().server.client();
}

/// The files under `dir`, recursively.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::exists(dir)) {
        return files;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    return files;
}

bool staging_is_empty(const test_server& server) {
    return files_under(server.data_dir() / "staging").empty();
}

std::size_t asset_count(const account& who) {
    const auto result = client().get("/api/asset", who.auth());
    BOOST_REQUIRE_EQUAL(result.status, 200);
    return result.json().as_array().size();
}

/// exiftool's ExposureTime: `1/n` below a quarter second, else one decimal without `.0`.
std::string exiftool_exposure(double seconds) {
    char text[32];
    if (seconds > 0 && seconds < 0.25001) {
        std::snprintf(text, sizeof text, "1/%d", static_cast<int>(0.5 + 1 / seconds));
        return text;
    }
    std::snprintf(text, sizeof text, "%.1f", seconds);
    std::string out(text);
    if (out.ends_with(".0")) {
        out.resize(out.size() - 2);
    }
    return out;
}

/// exiftool's `YYYY:MM:DD HH:MM:SS[+hh:mm]` as the API's ISO instant in UTC.
std::string iso_instant(const std::string& exif_date) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    BOOST_REQUIRE(std::sscanf(exif_date.c_str(), "%d:%d:%d %d:%d:%d", &year, &month, &day, &hour,
                              &minute, &second) == 6);
    using namespace std::chrono;
    auto instant = sys_days(std::chrono::year(year) / month / day) + hours(hour) + minutes(minute) +
                   seconds(second);
    if (exif_date.size() == 25) {
        const int sign = exif_date[19] == '-' ? -1 : 1;
        instant -= sign * (hours(std::stoi(exif_date.substr(20, 2))) +
                           minutes(std::stoi(exif_date.substr(23, 2))));
    }
    const auto day_part = floor<days>(instant);
    const year_month_day date(day_part);
    const hh_mm_ss clock(instant - day_part);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02lld:%02lld:%02lld.000Z",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<long long>(clock.hours().count()),
                  static_cast<long long>(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()));
    return text;
}

void check_number(const json::object& exif, const char* field, const json::object& expected,
                  const char* tag, double tolerance, const std::string& name) {
    const auto& actual = exif.at(field);
    if (!expected.contains(tag)) {
        BOOST_TEST(actual.is_null(), name << ": " << field << " is " << actual);
        return;
    }
    BOOST_REQUIRE_MESSAGE(actual.is_number(), name << ": " << field << " is " << actual);
    const auto want = expected.at(tag).to_number<double>();
    BOOST_TEST(std::abs(actual.to_number<double>() - want) <= tolerance,
               name << ": " << field << " is " << actual << ", exiftool reads " << want);
}

void check_text(const json::object& exif, const char* field, const std::string* expected,
                const std::string& name) {
    const auto& actual = exif.at(field);
    if (!expected) {
        BOOST_TEST(actual.is_null(), name << ": " << field << " is " << actual);
        return;
    }
    BOOST_TEST(actual.is_string(), name << ": " << field << " is " << actual);
    if (actual.is_string()) {
        BOOST_TEST(actual.as_string() == *expected, name << ": " << field);
    }
}

/// The fields exiftool's JSON names, shown the way Immich shows them.
void check_exif(const json::object& exif, const std::string& name) {
    const auto& expected = expected_exif(name);
    const auto expected_text = [&](const char* tag) -> std::optional<std::string> {
        if (!expected.contains(tag)) {
            return std::nullopt;
        }
        const auto& value = expected.at(tag);
        return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
    };
    const auto compare = [&](const char* field, std::optional<std::string> want) {
        check_text(exif, field, want ? &*want : nullptr, name);
    };

    compare("make", expected_text("Make"));
    compare("model", expected_text("Model"));
    compare("lensModel", expected_text("LensModel"));
    compare("orientation", expected_text("Orientation"));
    std::optional<std::string> exposure;
    if (expected.contains("ExposureTime")) {
        exposure = exiftool_exposure(expected.at("ExposureTime").to_number<double>());
    }
    compare("exposureTime", exposure);
    std::optional<std::string> original;
    if (const auto date = expected_text("DateTimeOriginal")) {
        original = iso_instant(*date);
    }
    compare("dateTimeOriginal", original);
    std::optional<std::string> modified;
    if (const auto date = expected_text("ModifyDate")) {
        modified = iso_instant(*date);
    }
    compare("modifyDate", modified);

    check_number(exif, "fNumber", expected, "FNumber", 1e-9, name);
    check_number(exif, "focalLength", expected, "FocalLength", 1e-9, name);
    check_number(exif, "iso", expected, "ISO", 0, name);
    check_number(exif, "exifImageWidth", expected, "ImageWidth", 0, name);
    check_number(exif, "exifImageHeight", expected, "ImageHeight", 0, name);
    check_number(exif, "fileSizeInByte", expected, "FileSize", 0, name);
    check_number(exif, "latitude", expected, "GPSLatitude", 1e-6, name);
    check_number(exif, "longitude", expected, "GPSLongitude", 1e-6, name);
}

const std::set<std::string> broken_fixtures = {"bad-exif-offsets.jpg", "truncated.jpg",
                                               "not-a-photo.jpg"};

std::vector<std::string> fixture_photos() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir())) {
        if (entry.path().extension() == ".jpg") {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string sha1_of_file(const std::filesystem::path& path, std::uintmax_t& size) {
    std::ifstream in(path, std::ios::binary);
    crypto::sha1_stream hash;
    std::vector<char> chunk(1 << 20);
    size = 0;
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
        hash.update(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
        size += static_cast<std::uintmax_t>(in.gcount());
    }
    return crypto::base64_encode(hash.finish());
}

/// Waits up to five seconds for `done` to hold.
template <class Condition>
bool eventually(Condition done) {
    for (int i = 0; i < 250; ++i) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

} // namespace

BOOST_AUTO_TEST_SUITE(asset_uploads, *utf::fixture<upload_accounts>())

BOOST_AUTO_TEST_CASE(every_fixture_photo_uploads_with_its_exif_and_dedupes) {
    const auto names = fixture_photos();
    BOOST_REQUIRE(names.size() >= 17u);
    const auto& owner = env().owner;
    for (const auto& name : names) {
        BOOST_TEST_CONTEXT("fixture " << name) {
            const auto bytes = read_file(fixture(name));
            const auto& expected = expected_exif(name);
            const auto first = env().server.upload_bytes(owner.auth(), name, bytes, name);
            BOOST_TEST(first.status == 201, first.body);
            const auto created = first.json().as_object();
            BOOST_TEST(created.size() == 2u);
            BOOST_TEST(created.at("duplicate").as_bool() == false);
            const std::string id(created.at("id").as_string());

            const auto again = env().server.upload_bytes(owner.auth(), name, bytes, name + "-2");
            BOOST_TEST(again.status == 200, again.body);
            BOOST_TEST(again.json().at("id").as_string() == id);
            BOOST_TEST(again.json().at("duplicate").as_bool() == true);

            const auto read = client().get("/api/asset/assetById/" + id, owner.auth());
            BOOST_TEST(read.status == 200, read.body);
            const auto asset = read.json().as_object();
            BOOST_TEST(asset.at("checksum").as_string() == expected.at("sha1_base64").as_string());
            BOOST_TEST(asset.at("type").as_string() == "IMAGE");
            BOOST_TEST(asset.at("deviceAssetId").as_string() == name);
            BOOST_TEST(asset.at("ownerId").as_string() == owner.id);
            BOOST_TEST(asset.at("originalFileName").as_string() == name.substr(0, name.size() - 4));
            BOOST_REQUIRE(asset.contains("exifInfo"));
            const auto& exif = asset.at("exifInfo").as_object();
            BOOST_TEST(exif.size() == 21u, json::serialize(exif));
            if (broken_fixtures.count(name) != 0) {
                BOOST_TEST(exif.at("fileSizeInByte").as_int64() ==
                           expected.at("FileSize").as_int64());
                BOOST_TEST(client().get("/api/server-info/ping").status == 200);
            } else {
                check_exif(exif, name);
            }
        }
    }
    BOOST_TEST(staging_is_empty(env().server));
    BOOST_TEST(files_under(env().server.data_dir() / "upload" / owner.id).size() == names.size());
}

BOOST_AUTO_TEST_CASE(the_same_photo_uploaded_at_once_four_times_is_one_asset) {
    // Bytes of their own, so that no earlier upload of the fixture makes them a duplicate.
    const auto bytes = read_file(fixture("short-ascii-MM.jpg")) + "uploaded at once";
    std::vector<http_result> results(4);
    std::vector<std::thread> uploads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        uploads.emplace_back([&, i] {
            results[i] = env().server.upload_bytes(env().owner.auth(), "short-ascii-MM.jpg", bytes,
                                                   "at-once-" + std::to_string(i));
        });
    }
    for (auto& upload : uploads) {
        upload.join();
    }

    std::set<std::string> ids;
    int created = 0;
    for (const auto& result : results) {
        BOOST_TEST((result.status == 201 || result.status == 200), result.body);
        if (result.status == 201 || result.status == 200) {
            ids.emplace(result.json().at("id").as_string());
            created += result.json().at("duplicate").as_bool() ? 0 : 1;
        }
    }
    BOOST_TEST(ids.size() == 1u);
    BOOST_TEST(created == 1);
    BOOST_TEST(staging_is_empty(env().server));
}

BOOST_AUTO_TEST_CASE(a_client_that_expects_100_continue_gets_it_before_sending) {
    auto form = upload_form("continued");
    form.file("assetData", "continued.jpg", read_file(fixture("test2.jpg")) + "continued");
    const auto body = form.finish();
    auto headers = env().owner.auth();
    headers.emplace_back("Expect", "100-continue");

    wire_connection connection(env().server.port());
    connection.send(
        request_head("POST", "/api/asset/upload", headers, form.content_type(), body.size()));
    BOOST_TEST(connection.read_response().status == 100);
    connection.send(body);
    const auto answer = connection.read_response();
    BOOST_TEST(answer.status == 201, answer.body);
    BOOST_TEST(answer.json().at("duplicate").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(an_unsupported_extension_is_refused) {
    const auto before = asset_count(env().owner);
    const auto result =
        env().server.upload_bytes(env().owner.auth(), "notes.txt", "just text\n", "notes");
    check_error(result, 400, "Bad Request", "Unsupported file type notes.txt");
    BOOST_TEST(asset_count(env().owner) == before);
    BOOST_TEST(staging_is_empty(env().server));
}

BOOST_AUTO_TEST_CASE(missing_fields_are_400_with_message_arrays) {
    const auto bytes = read_file(fixture("right.jpg"));
    const auto before = asset_count(env().owner);

    multipart_body no_device_asset;
    no_device_asset.field("deviceId", "tests");
    no_device_asset.field("fileCreatedAt", "2023-10-04T12:34:56.789Z");
    no_device_asset.field("fileModifiedAt", "2023-10-04T12:34:56.789Z");
    no_device_asset.file("assetData", "right.jpg", bytes);
    check_validation(client().request("POST", "/api/asset/upload", no_device_asset.finish(),
                                      env().owner.auth(), no_device_asset.content_type()),
                     "deviceAssetId should not be empty");

    multipart_body no_created;
    no_created.field("deviceAssetId", "right");
    no_created.field("deviceId", "tests");
    no_created.field("fileModifiedAt", "2023-10-04T12:34:56.789Z");
    no_created.file("assetData", "right.jpg", bytes);
    check_validation(client().request("POST", "/api/asset/upload", no_created.finish(),
                                      env().owner.auth(), no_created.content_type()),
                     "fileCreatedAt must be a Date instance");

    auto bad_date = upload_form("right");
    bad_date.field("fileCreatedAt", "yesterday");
    bad_date.file("assetData", "right.jpg", bytes);
    check_validation(client().request("POST", "/api/asset/upload", bad_date.finish(),
                                      env().owner.auth(), bad_date.content_type()),
                     "fileCreatedAt must be a Date instance");
    auto bad_flag = upload_form("right");
    bad_flag.field("isFavorite", "yes");
    bad_flag.file("assetData", "right.jpg", bytes);
    check_validation(client().request("POST", "/api/asset/upload", bad_flag.finish(),
                                      env().owner.auth(), bad_flag.content_type()),
                     "isFavorite must be a boolean value");

    auto no_file = upload_form("right");
    const auto without_file = client().request("POST", "/api/asset/upload", no_file.finish(),
                                               env().owner.auth(), no_file.content_type());
    check_validation_of(without_file, "assetData");

    BOOST_TEST(asset_count(env().owner) == before);
    BOOST_TEST(staging_is_empty(env().server));
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_multipart_is_400) {
    const auto before = asset_count(env().owner);
    const auto json_body =
        client().post("/api/asset/upload", {{"deviceAssetId", "x"}}, env().owner.auth());
    check_error(json_body, 400, "Bad Request", "Expected a multipart/form-data body");

    const auto no_boundary = client().request("POST", "/api/asset/upload", "--x--\r\n",
                                              env().owner.auth(), "multipart/form-data");
    check_error(no_boundary, 400, "Bad Request", "Expected a multipart/form-data body");

    auto form = upload_form("unclosed");
    form.file("assetData", "right.jpg", read_file(fixture("right.jpg")));
    const auto unclosed = client().request("POST", "/api/asset/upload", form.content,
                                           env().owner.auth(), form.content_type());
    BOOST_TEST(unclosed.status == 400, unclosed.body);
    BOOST_TEST(unclosed.json().at("error").as_string() == "Bad Request");
    BOOST_TEST(std::string(unclosed.json().at("message").as_string()).find("multipart") !=
                   std::string::npos,
               unclosed.body);

    check_error(client().request("POST", "/api/asset/upload", "", {}, ""), 401, "Unauthorized",
                "Authentication required");
    BOOST_TEST(asset_count(env().owner) == before);
    BOOST_TEST(staging_is_empty(env().server));
}

BOOST_AUTO_TEST_CASE(a_110_mb_original_streams_to_disk_byte_for_byte) {
    constexpr std::size_t filler_bytes = 110u * 1024 * 1024;
    const auto photo = read_file(fixture("test1.jpg"));
    auto form = upload_form("big");
    const std::string part_head =
        "--" + form.boundary +
        "\r\nContent-Disposition: form-data; name=\"assetData\"; filename=\"big.jpg\"\r\n"
        "Content-Type: image/jpeg\r\n\r\n";
    const std::string tail = "\r\n--" + form.boundary + "--\r\n";

    // The whole request is built before measuring, so only the server's memory is counted.
    std::string body;
    body.reserve(form.content.size() + part_head.size() + photo.size() + filler_bytes +
                 tail.size());
    body += form.content;
    body += part_head;
    const auto file_start = body.size();
    body += photo;
    // Every byte value, carriage returns and dashes included, in blocks of a prime size so
    // that no block lines up with the server's reads.
    std::string block(65521, '\0');
    for (std::size_t i = 0; i < block.size(); ++i) {
        block[i] = static_cast<char>((i * 7919 + i / 251) & 0xff);
    }
    for (std::size_t left = filler_bytes; left > 0;) {
        const auto piece = std::min(left, block.size());
        body.append(block, 0, piece);
        left -= piece;
    }
    const auto file_size = body.size() - file_start;
    body += tail;
    const auto sent_sha1 =
        crypto::base64_encode(crypto::sha1(std::string_view(body).substr(file_start, file_size)));
    const auto head = request_head("POST", "/api/asset/upload", env().owner.auth(),
                                   form.content_type(), body.size());

    const auto before_kb = resident_kb();
    wire_connection connection(env().server.port());
    connection.send(head);
    for (std::size_t at = 0; at < body.size(); at += 1024 * 1024) {
        connection.send(std::string_view(body).substr(at, 1024 * 1024));
    }
    const auto answer = connection.read_response();
    const auto after_kb = resident_kb();
    connection.close();

    BOOST_TEST(answer.status == 201, answer.body);
    BOOST_TEST(after_kb - before_kb < 50 * 1024,
               "resident memory grew by " << (after_kb - before_kb) / 1024 << " MB");

    const std::string id(answer.json().at("id").as_string());
    const auto asset = client().get("/api/asset/assetById/" + id, env().owner.auth()).json();
    BOOST_TEST(asset.at("checksum").as_string() == sent_sha1);
    BOOST_TEST(asset.at("originalFileName").as_string() == "big");
    BOOST_TEST(asset.at("exifInfo").at("fileSizeInByte").as_int64() ==
               static_cast<std::int64_t>(file_size));
    BOOST_TEST(asset.at("exifInfo").at("make").as_string() == "Apple");

    std::uintmax_t stored_size = 0;
    const auto stored_sha1 =
        sha1_of_file(std::string(asset.at("originalPath").as_string()), stored_size);
    BOOST_TEST(stored_size == file_size);
    BOOST_TEST(stored_sha1 == sent_sha1);
    BOOST_TEST(staging_is_empty(env().server));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(asset_upload_interrupted)

BOOST_AUTO_TEST_CASE(a_connection_closed_mid_body_leaves_nothing_behind) {
    test_server server;
    const auto admin = server.sign_up_admin();

    auto form = upload_form("cut-off");
    std::string photo = read_file(fixture("sony-alpha-6000.jpg"));
    form.file("assetData", "cut-off.jpg", photo);
    const auto body = form.finish();
    const auto head =
        request_head("POST", "/api/asset/upload", admin.auth(), form.content_type(), body.size());

    {
        wire_connection connection(server.port());
        connection.send(head);
        connection.send(std::string_view(body).substr(0, body.size() / 2));
        BOOST_TEST(eventually([&] { return !staging_is_empty(server); }),
                   "the upload never reached the staging folder");
        connection.close();
    }

    BOOST_TEST(eventually([&] { return staging_is_empty(server); }),
               "a staging file was left behind");
    BOOST_TEST(files_under(server.data_dir() / "upload").empty());
    BOOST_TEST(server.client().get("/api/server-info/ping").status == 200);
    const auto assets = server.client().get("/api/asset", admin.auth());
    BOOST_TEST(assets.status == 200);
    BOOST_TEST(assets.json().as_array().empty());

    // The same photo uploads cleanly afterwards.
    const auto retried = server.upload_bytes(admin.auth(), "cut-off.jpg", photo, "cut-off-retried");
    BOOST_TEST(retried.status == 201, retried.body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(upload_leftovers)

BOOST_AUTO_TEST_CASE(a_restart_clears_uploads_that_never_finished) {
    test_server first;
    const auto left_over = first.data_dir() / "staging" / "cut-off-by-a-crash.part";
    {
        std::ofstream partial(left_over, std::ios::binary);
        partial << "half of a photo";
    }
    BOOST_REQUIRE(std::filesystem::exists(left_over));
    first.stop();

    test_server second([&](lightbox::settings& config) { config.data_dir = first.data_dir(); });
    BOOST_TEST(!std::filesystem::exists(left_over));
    BOOST_TEST(std::filesystem::is_directory(first.data_dir() / "staging"));
}

BOOST_AUTO_TEST_SUITE_END()
