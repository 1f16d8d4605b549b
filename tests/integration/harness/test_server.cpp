#include "test_server.hpp"

#include "server/app/log.hpp"
#include "support/fixtures.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace lightbox::testing {

namespace {

std::unique_ptr<http_server> start_server(const std::filesystem::path& data_dir,
                                          const std::function<void(settings&)>& tune,
                                          unsigned short& port) {
    settings config;
    config.data_dir = data_dir;
    config.port = 0;
    config.worker_threads = 4;
    config.io_threads = 2;
    config.shutdown_grace = std::chrono::seconds(10);
    if (tune) {
        tune(config);
    }
    set_log_level(log_level::warn);
    auto server = std::make_unique<http_server>(config);
    port = server->start();
    return server;
}

std::string text_of(const boost::json::value& value, const char* key) {
    return std::string(value.at(key).as_string());
}

} // namespace

test_server::test_server(const std::function<void(settings&)>& tune)
    : data_dir_(make_temp_dir("lightbox-it")), client_(0) {
    unsigned short port = 0;
    server_ = start_server(data_dir_, tune, port);
    client_ = test_client(port);
}

test_server::~test_server() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
}

void test_server::stop() {
    if (server_) {
        server_->stop();
        server_->wait();
        server_.reset();
    }
}

account test_server::sign_up_admin(const std::string& email) {
    const auto signed_up = client_.post("/api/auth/admin-sign-up",
                                        {{"email", email},
                                         {"password", "admin-password"},
                                         {"firstName", "Immich"},
                                         {"lastName", "Admin"}});
    BOOST_REQUIRE_EQUAL(signed_up.status, 201);
    return login(email, "admin-password");
}

account test_server::create_user(const account& admin, const std::string& email,
                                 const std::string& first_name, const std::string& last_name) {
    const auto created = client_.post("/api/user",
                                      {{"email", email},
                                       {"password", "Password123"},
                                       {"firstName", first_name},
                                       {"lastName", last_name}},
                                      admin.auth());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    return login(email, "Password123");
}

account test_server::login(const std::string& email, const std::string& password) {
    const auto result = client_.post("/api/auth/login",
                                     {{"email", email}, {"password", password}});
    BOOST_REQUIRE_EQUAL(result.status, 201);
    const auto body = result.json();
    return {text_of(body, "userId"), text_of(body, "userEmail"), text_of(body, "accessToken")};
}

http_result test_server::upload_bytes(const header_list& auth, const std::string& file_name,
                                      const std::string& bytes,
                                      const std::string& device_asset_id) {
    multipart_body form;
    form.field("deviceAssetId", device_asset_id);
    form.field("deviceId", "integration-tests");
    form.field("fileCreatedAt", "2023-10-04T12:34:56.789Z");
    form.field("fileModifiedAt", "2023-10-04T12:34:56.789Z");
    form.field("isFavorite", "false");
    form.file("assetData", file_name, bytes);
    return client_.request("POST", "/api/asset/upload", form.finish(), auth,
                           form.content_type());
}

std::string test_server::upload(const account& who, const std::string& fixture_name) {
    const auto result = upload_bytes(who.auth(), fixture_name, read_file(fixture(fixture_name)),
                                     fixture_name + "-" + std::to_string(++uploads_));
    BOOST_REQUIRE_MESSAGE(result.status == 201 || result.status == 200,
                          "upload of " << fixture_name << " answered " << result.status << " "
                                       << result.body);
    return text_of(result.json(), "id");
}

std::string test_server::create_album(const account& who, const std::string& name,
                                      const std::vector<std::string>& asset_ids) {
    boost::json::array ids;
    for (const auto& id : asset_ids) {
        ids.emplace_back(id);
    }
    const auto result = client_.post("/api/album", {{"albumName", name}, {"assetIds", ids}},
                                     who.auth());
    BOOST_REQUIRE_EQUAL(result.status, 201);
    return text_of(result.json(), "id");
}

boost::json::object test_server::create_link(const account& who,
                                             const boost::json::object& body) {
    const auto result = client_.post("/api/shared-link", body, who.auth());
    BOOST_REQUIRE_MESSAGE(result.status == 201, "create link answered " << result.status << " "
                                                                        << result.body);
    return result.json().as_object();
}

} // namespace lightbox::testing
