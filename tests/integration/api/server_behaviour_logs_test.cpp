// The real `lightbox` executable as an operator runs it: one structured line per request on
// standard error, never a secret in it, and a clean exit on SIGTERM.
#include "server_behaviour_wire.hpp"
#include "support/fixtures.hpp"
#include "test_client.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

/// The server binary sits in the build directory, one level above the test binary.
std::filesystem::path lightbox_binary() {
    const auto self = std::filesystem::read_symlink("/proc/self/exe");
    return self.parent_path().parent_path() / "lightbox";
}

unsigned short free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

/// The lightbox executable as a child process with its standard error in a file.
class child_server {
public:
    child_server(const std::filesystem::path& data_dir, const std::filesystem::path& log_file,
                 unsigned short port) {
        const auto binary = lightbox_binary();
        BOOST_REQUIRE_MESSAGE(std::filesystem::exists(binary), "no server binary at " << binary);

        std::vector<std::string> args = {binary.string(), "--port=" + std::to_string(port),
                                         "--data-dir=" + data_dir.string(), "--log-level=info"};
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);

        // Settings from the test's own environment must not reach the child.
        std::vector<char*> envp;
        for (char** env = environ; env && *env; ++env) {
            if (std::strncmp(*env, "LIGHTBOX_", 9) != 0) {
                envp.push_back(*env);
            }
        }
        envp.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, log_file.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int spawned =
            posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        BOOST_REQUIRE_MESSAGE(spawned == 0,
                              "cannot start " << binary << ": " << std::strerror(spawned));
    }

    ~child_server() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    /// Sends SIGTERM and waits up to 20 s; returns the exit code, or -1 if it did not exit.
    int terminate() {
        ::kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = 0;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

private:
    pid_t pid_ = 0;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    return lines;
}

/// The value of `key=` in a logfmt line, unquoted values only.
std::string field_of(const std::string& line, const std::string& key) {
    const auto at = line.find(" " + key + "=");
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + key.size() + 2;
    return line.substr(start, line.find(' ', start) - start);
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_logs)

BOOST_AUTO_TEST_CASE(one_line_per_request_and_no_secret_in_any_line) {
    const auto dir = make_temp_dir("lightbox-logs");
    const auto log_file = dir / "stderr.log";
    const auto port = free_port();
    child_server child(dir / "data", log_file, port);
    const test_client client(port);

    // Every answered request is one entry here: the status the client saw.
    std::multiset<int> statuses;
    const auto call = [&](const http_result& result) {
        statuses.insert(result.status);
        return result;
    };

    bool ready = false;
    for (int attempt = 0; attempt < 1500 && !ready; ++attempt) {
        try {
            ready = call(client.get("/api/server-info/ping")).status == 200;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    BOOST_REQUIRE_MESSAGE(ready, "the server never answered ping");

    const std::string email = "Log.Owner@Example.com";
    const std::string password = "correct horse battery staple";
    const auto signed_up = call(client.post(
        "/api/auth/admin-sign-up",
        {{"email", email}, {"password", password}, {"firstName", "Log"}, {"lastName", "Owner"}}));
    BOOST_REQUIRE_EQUAL(signed_up.status, 201);
    const auto wrong =
        call(client.post("/api/auth/login", {{"email", email}, {"password", password + "!"}}));
    BOOST_TEST(wrong.status == 401);
    const auto logged_in =
        call(client.post("/api/auth/login", {{"email", email}, {"password", password}}));
    BOOST_REQUIRE_EQUAL(logged_in.status, 201);
    const std::string token(logged_in.json().at("accessToken").as_string());
    const auto auth = bearer(token);

    const auto key = call(client.post("/api/api-key", {{"name", "logging"}}, auth));
    BOOST_REQUIRE_EQUAL(key.status, 201);
    const std::string secret(key.json().at("secret").as_string());

    const auto album = call(client.post("/api/album", {{"albumName", "logged"}}, auth));
    BOOST_REQUIRE_EQUAL(album.status, 201);
    const auto link = call(client.post(
        "/api/shared-link", {{"type", "ALBUM"}, {"albumId", album.json().at("id")}}, auth));
    BOOST_REQUIRE_EQUAL(link.status, 201);
    const std::string share_key(link.json().at("key").as_string());

    BOOST_TEST(call(client.get("/api/shared-link/me?key=" + share_key)).status == 200);
    BOOST_TEST(call(client.get("/api/shared-link/me", with_share_key(share_key))).status == 200);
    BOOST_TEST(call(client.get("/api/user/me?apiKey=" + secret)).status == 200);
    BOOST_TEST(call(client.get("/api/user/me", with_api_key(secret))).status == 200);
    BOOST_TEST(call(client.get("/api/user/me?userToken=" + token)).status == 200);
    BOOST_TEST(call(client.get("/user/me", {{"Cookie", "immich_access_token=" + token}})).status ==
               200);
    BOOST_TEST(call(client.get("/api/user/me?apiKey=" + secret + "x")).status == 401);
    BOOST_TEST(call(client.get("/api/nowhere?key=" + share_key)).status == 404);
    const auto garbage = client.raw_exchange("BROKEN " + token + "\r\n\r\n");
    BOOST_TEST(garbage.rfind("HTTP/1.1 400", 0) == 0u, garbage);
    statuses.insert(400);

    BOOST_TEST(child.terminate() == 0);

    const auto log = read_file(log_file);
    std::multiset<int> logged;
    for (const auto& line : lines_of(log)) {
        BOOST_TEST(line.find(password) == std::string::npos, line);
        BOOST_TEST(line.find(token) == std::string::npos, line);
        BOOST_TEST(line.find(secret) == std::string::npos, line);
        BOOST_TEST(line.find(share_key) == std::string::npos, line);
        BOOST_TEST(line.find("log.owner@example.com") == std::string::npos, line);
        BOOST_TEST(line.find(email) == std::string::npos, line);
        if (line.find(" msg=request ") == std::string::npos) {
            continue;
        }
        BOOST_TEST(line.find(" level=info ") != std::string::npos, line);
        for (const auto* key : {"request_id", "method", "route", "status", "duration_ms"}) {
            BOOST_TEST(!field_of(line, key).empty(), "no " << key << " in " << line);
        }
        logged.insert(std::atoi(field_of(line, "status").c_str()));
    }
    BOOST_TEST(logged == statuses, "logged " << logged.size() << " requests, sent "
                                             << statuses.size() << ":\n"
                                             << log);

    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

BOOST_AUTO_TEST_SUITE_END()
