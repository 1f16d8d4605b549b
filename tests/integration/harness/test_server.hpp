#pragma once

#include "server/app/http_server.hpp"
#include "test_client.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lightbox::testing {

struct account {
    std::string id;
    std::string email;
    std::string token;

    header_list auth() const { return bearer(token); }
};

/// The real server, in this process, on an ephemeral loopback port with a fresh SQLite file
/// and data directory, plus shortcuts for the steps most tests begin with.
class test_server {
public:
    /// `tune` may change settings before the server starts.
    explicit test_server(const std::function<void(settings&)>& tune = {});
    ~test_server();

    const test_client& client() const { return client_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    unsigned short port() const { return client_.port(); }
    /// The running server's services and caches, for tests that look inside.
    app_context& app() { return server_->context(); }
    /// Stops the server gracefully and waits for it.
    void stop();

    account sign_up_admin(const std::string& email = "admin@immich.app");
    account create_user(const account& admin, const std::string& email,
                        const std::string& first_name = "User",
                        const std::string& last_name = "Test");
    account login(const std::string& email, const std::string& password);

    /// Uploads a fixture photo and returns the asset id.
    std::string upload(const account& who, const std::string& fixture_name);
    http_result upload_bytes(const header_list& auth, const std::string& file_name,
                             const std::string& bytes, const std::string& device_asset_id);
    std::string create_album(const account& who, const std::string& name,
                             const std::vector<std::string>& asset_ids = {});
    /// Creates a link and returns the whole response.
    boost::json::object create_link(const account& who, const boost::json::object& body);

private:
    std::filesystem::path data_dir_;
    std::unique_ptr<http_server> server_;
    test_client client_;
    int uploads_ = 0;
};

} // namespace lightbox::testing
