// Requests an attacker would try: each gets a clear 4xx and changes nothing.
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <boost/test/unit_test.hpp>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

struct hardening_fixture {
    test_server server;
    account admin = server.sign_up_admin();
};

std::string count_of(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
        ++count;
    }
    return std::to_string(count);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(hardening, hardening_fixture)

BOOST_AUTO_TEST_CASE(an_expiry_outside_years_1_to_9999_is_refused_and_nothing_breaks) {
    const auto album = server.create_album(admin, "dates");
    const auto link = server.create_link(admin, {{"type", "ALBUM"}, {"albumId", album}});
    const auto path = "/api/shared-link/" + std::string(link.at("id").as_string());

    const auto patched =
        server.client().patch(path, {{"expiresAt", "9999-12-31T23:59:59.999-23:59"}}, admin.auth());
    BOOST_TEST(patched.status == 400);
    BOOST_TEST(patched.json().at("message").at(0).as_string() ==
               "expiresAt must be a Date instance");
    const auto created = server.client().post(
        "/api/shared-link",
        {{"type", "ALBUM"}, {"albumId", album}, {"expiresAt", "0000-01-01T00:00:00+01:00"}},
        admin.auth());
    BOOST_TEST(created.status == 400);

    BOOST_TEST(server.client().get(path, admin.auth()).status == 200);
    BOOST_TEST(server.client().get("/api/shared-link", admin.auth()).json().as_array().size() ==
               1u);
}

BOOST_AUTO_TEST_CASE(two_files_in_one_upload_are_refused) {
    multipart_body form;
    form.field("deviceAssetId", "two");
    form.field("deviceId", "d");
    form.field("fileCreatedAt", "2023-01-01T00:00:00Z");
    form.field("fileModifiedAt", "2023-01-01T00:00:00Z");
    form.file("assetData", "right.jpg", read_file(fixture("right.jpg")));
    form.file("assetData", "lens_info.jpg", read_file(fixture("lens_info.jpg")));
    const auto result = server.client().request("POST", "/api/asset/upload", form.finish(),
                                                admin.auth(), form.content_type());
    BOOST_TEST(result.status == 400);
    BOOST_TEST(server.client().get("/api/asset", admin.auth()).json().as_array().empty());
}

BOOST_AUTO_TEST_CASE(a_password_longer_than_bcrypt_takes_is_refused) {
    const auto result = server.client().post("/api/user",
                                             {{"email", "long@immich.app"},
                                              {"password", std::string(600, 'p')},
                                              {"firstName", "L"},
                                              {"lastName", "P"}},
                                             admin.auth());
    BOOST_TEST(result.status == 400);
    BOOST_TEST(result.json().at("message").at(0).as_string() ==
               "password must be shorter than or equal to 256 characters");
}

BOOST_AUTO_TEST_CASE(a_body_framed_by_an_unknown_coding_cannot_smuggle_a_request) {
    const auto answer = server.client().raw_exchange(
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: gzip\r\n\r\nGET /api/smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0);
    BOOST_TEST(count_of(answer, "HTTP/1.1") == "1");
    BOOST_TEST(answer.find("smuggled") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_malformed_chunk_gets_a_clear_400) {
    const auto answer = server.client().raw_exchange(
        "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "zz\r\n{}\r\n0\r\n\r\n");
    BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0);
    BOOST_TEST(server.client().get("/api/server-info/ping").status == 200);
}

BOOST_AUTO_TEST_CASE(file_names_keep_no_folders) {
    const auto result = server.upload_bytes(admin.auth(), "../../../../tmp/evil.jpg",
                                            read_file(fixture("right.jpg")), "evil");
    BOOST_REQUIRE(result.status == 201);
    const auto id = std::string(result.json().at("id").as_string());
    const auto found = server.client().get("/api/asset/assetById/" + id, admin.auth()).json();
    BOOST_TEST(found.at("originalFileName").as_string() == "evil");
}

BOOST_AUTO_TEST_SUITE_END()
