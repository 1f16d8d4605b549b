// The server as a whole: public info routes, the error format, the HTTP limits, keep-alive,
// request ids and a graceful shutdown, over real loopback connections.
#include "server_behaviour_wire.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

/// One server and one admin for the cases that only read.
struct shared_server {
    static inline shared_server* instance = nullptr;

    test_server server;
    account admin = server.sign_up_admin();

    shared_server() { instance = this; }
    ~shared_server() { instance = nullptr; }
};

const test_client& client() {
    return shared_server::instance->server.client();
}
const account& admin() {
    return shared_server::instance->admin;
}

bool contains_text(const json::value& list, const std::string& text) {
    for (const auto& each : list.as_array()) {
        if (each.as_string() == text) {
            return true;
        }
    }
    return false;
}

int count_of(const std::string& text, const std::string& part) {
    int count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_behaviour, *utf::fixture<shared_server>())

BOOST_AUTO_TEST_CASE(ping_answers_under_the_prefix_and_at_the_root) {
    for (const auto* target : {"/api/server-info/ping", "/server-info/ping"}) {
        const auto result = client().get(target);
        BOOST_TEST(result.status == 200, target);
        BOOST_TEST(result.json() == json::parse(R"({"res":"pong"})"), target);
        BOOST_TEST(result.header("content-type").find("application/json") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(version_is_1_81) {
    const auto result = client().get("/api/server-info/version");
    BOOST_TEST(result.status == 200);
    const auto body = result.json().as_object();
    BOOST_TEST(body.size() == 3u);
    BOOST_TEST(body.at("major").as_int64() == 1);
    BOOST_TEST(body.at("minor").as_int64() == 81);
    BOOST_TEST(body.at("patch").as_int64() >= 0);
    BOOST_TEST(client().get("/server-info/version").json() == result.json());
}

BOOST_AUTO_TEST_CASE(media_types_list_the_extensions) {
    const auto result = client().get("/api/server-info/media-types");
    BOOST_TEST(result.status == 200);
    const auto body = result.json();
    for (const auto* extension : {".jpg", ".jpeg", ".png", ".heic", ".webp", ".dng"}) {
        BOOST_TEST(contains_text(body.at("image"), extension), extension);
    }
    for (const auto* extension : {".mp4", ".mov", ".webm"}) {
        BOOST_TEST(contains_text(body.at("video"), extension), extension);
    }
    BOOST_TEST(!contains_text(body.at("image"), ".txt"));
    BOOST_TEST(body.at("sidecar") == json::parse(R"([".xmp"])"));
}

BOOST_AUTO_TEST_CASE(an_unknown_route_is_404_naming_it) {
    check_error(client().get("/x"), 404, "Not Found", "Cannot GET /x");
    check_error(client().get("/api/x"), 404, "Not Found", "Cannot GET /x");
    check_error(client().post("/api/server-info/nothing", json::object{}), 404, "Not Found",
                "Cannot POST /server-info/nothing");
    check_error(client().del("/api/server-info/ping"), 404, "Not Found",
                "Cannot DELETE /server-info/ping");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400) {
    const auto result = client().request("POST", "/api/auth/login", "{\"email\": \"a@b\",");
    BOOST_TEST(result.status == 400);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == 400);
    BOOST_TEST(body.at("error").as_string() == "Bad Request");
    BOOST_REQUIRE(body.at("message").is_string());
    BOOST_TEST(std::string(body.at("message").as_string()).find("JSON") != std::string::npos,
               body.at("message").as_string());

    const auto wrong_type = client().request("POST", "/api/api-key", "nonsense", admin().auth());
    BOOST_TEST(wrong_type.status == 400);
    BOOST_TEST(wrong_type.json().at("statusCode").as_int64() == 400);
}

BOOST_AUTO_TEST_CASE(a_json_array_body_is_400_with_a_message_array) {
    const auto result = client().request("POST", "/api/auth/login", R"(["a@b.c","pw"])");
    BOOST_TEST(result.status == 400);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == 400);
    BOOST_TEST(body.at("error").as_string() == "Bad Request");
    BOOST_REQUIRE(body.at("message").is_array());
    BOOST_TEST(!body.at("message").as_array().empty());

    const auto as_user = client().request("POST", "/api/api-key", "[]", admin().auth());
    BOOST_TEST(as_user.status == 400);
    BOOST_TEST(as_user.json().at("message").is_array());
}

BOOST_AUTO_TEST_CASE(a_path_id_that_is_not_a_v4_uuid_is_400) {
    const std::vector<std::string> targets = {
        "/api/user/info/123",
        "/api/asset/assetById/not-a-uuid",
        "/api/album/00000000-0000-0000-0000-000000000000",
        "/api/shared-link/6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    };
    for (const auto& target : targets) {
        const auto result = client().get(target, admin().auth());
        BOOST_TEST(result.status == 400, target);
        BOOST_TEST(result.json() == json::parse(R"({"statusCode":400,)"
                                                R"("message":["id must be a UUID"],)"
                                                R"("error":"Bad Request"})"),
                   target << " answered " << result.body);
    }
    const auto deleted = client().del("/api/api-key/xyz", admin().auth());
    BOOST_TEST(deleted.json().at("message") == json::parse(R"(["id must be a UUID"])"));
}

BOOST_AUTO_TEST_CASE(every_response_carries_a_request_id) {
    std::set<std::string> ids;
    const std::vector<http_result> results = {
        client().get("/api/server-info/ping"),
        client().get("/nowhere"),
        client().get("/api/user/me"),
        client().get("/api/user/info/1", admin().auth()),
        client().get("/api/user/me", admin().auth()),
    };
    for (const auto& result : results) {
        const auto id = result.header("x-request-id");
        BOOST_TEST(!id.empty(), "no x-request-id on a " << result.status);
        ids.insert(id);
    }
    BOOST_TEST(ids.size() == results.size());

    const auto garbage = client().raw_exchange("NOT HTTP AT ALL\r\n\r\n");
    BOOST_TEST(garbage.find("\r\nx-request-id: ") != std::string::npos, garbage);
}

BOOST_AUTO_TEST_CASE(a_garbage_request_line_is_400_and_the_server_lives_on) {
    const auto answer = client().raw_exchange("\x01\x02 garbage \xff\r\n\r\n");
    BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0u, answer);
    BOOST_TEST(answer.find("\"statusCode\":400") != std::string::npos, answer);
    BOOST_TEST(answer.find("Malformed HTTP request") != std::string::npos, answer);

    const auto bad_version = client().raw_exchange("GET /api/server-info/ping HTTP/9.9\r\n\r\n");
    BOOST_TEST(bad_version.rfind("HTTP/1.1 400", 0) == 0u, bad_version);

    BOOST_TEST(client().get("/api/server-info/ping").status == 200);
}

BOOST_AUTO_TEST_CASE(two_requests_share_one_kept_alive_connection) {
    wire_connection connection(client().port());
    connection.send("GET /api/server-info/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto first = connection.read_response();
    BOOST_TEST(first.status == 200);
    BOOST_TEST(first.body == R"({"res":"pong"})");
    BOOST_TEST(first.header("connection") != "close");

    connection.send("GET /api/user/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                    admin().token + "\r\n\r\n");
    const auto second = connection.read_response();
    BOOST_TEST(second.status == 200);
    BOOST_TEST(second.json().at("id").as_string() == admin().id);
    BOOST_TEST(second.header("x-request-id") != first.header("x-request-id"));

    connection.send("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    BOOST_TEST(connection.read_response().status == 404);
    connection.close();

    const auto pipelined = client().raw_exchange(
        "GET /api/server-info/ping HTTP/1.1\r\nHost: a\r\n\r\n"
        "GET /server-info/version HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    BOOST_TEST(count_of(pipelined, "HTTP/1.1 200 OK\r\n") == 2, pipelined);
    BOOST_TEST(pipelined.find("pong") < pipelined.find("\"minor\":81"), pipelined);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_limits)

BOOST_AUTO_TEST_CASE(headers_over_the_limit_are_413) {
    test_server server([](lightbox::settings& s) { s.max_header_bytes = 2048; });
    const auto result =
        server.client().get("/api/server-info/ping", {{"x-filler", std::string(6000, 'h')}});
    check_error(result, 413, "Payload Too Large", "Request header too large");
    BOOST_TEST(server.client().get("/api/server-info/ping", {{"x-small", "ok"}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_json_body_over_the_limit_is_413_and_the_server_serves_on) {
    test_server server([](lightbox::settings& s) { s.max_body_bytes = 4096; });
    const std::string padding(20000, 'p');
    const auto result = server.client().post(
        "/api/auth/login", {{"email", "a@b.c"}, {"password", "x"}, {"padding", padding}});
    check_error(result, 413, "Payload Too Large", "Request body too large");

    BOOST_TEST(server.client().get("/api/server-info/ping").status == 200);
    const auto small =
        server.client().post("/api/auth/login", {{"email", "nobody@b.c"}, {"password", "x"}});
    check_error(small, 401, "Unauthorized", "Incorrect email or password");

    // A chunked body has no length up front: the limit stops it as it arrives.
    const std::string chunk(3000, 'c');
    char size[16];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    const auto chunked = server.client().raw_exchange(
        "POST /api/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        std::string(size) + "\r\n" + chunk + "\r\n" + size + "\r\n" + chunk + "\r\n0\r\n\r\n");
    BOOST_TEST(chunked.rfind("HTTP/1.1 413", 0) == 0u, chunked);
    BOOST_TEST(chunked.find("Request body too large") != std::string::npos, chunked);
}

BOOST_AUTO_TEST_CASE(a_json_body_under_the_default_limit_is_read_whole) {
    test_server server;
    const std::string padding(3 * 1024 * 1024, 'p');
    const auto result = server.client().post(
        "/api/auth/login", {{"email", "nobody@b.c"}, {"password", "x"}, {"padding", padding}});
    check_error(result, 401, "Unauthorized", "Incorrect email or password");

    // Over the default 10 MB: answered from the header alone.
    wire_connection connection(server.port());
    connection.send(
        request_head("POST", "/api/auth/login", {}, "application/json", 11 * 1024 * 1024));
    check_error(connection.read_response(), 413, "Payload Too Large", "Request body too large");
}

BOOST_AUTO_TEST_CASE(an_upload_over_the_upload_limit_is_413_before_its_body_is_read) {
    test_server server([](lightbox::settings& s) { s.max_upload_bytes = 64 * 1024; });
    const auto admin = server.sign_up_admin();
    auto form = upload_form("too-big");
    form.file("assetData", "big.jpg", read_file(fixture("sony-alpha-6000.jpg")));
    const auto body = form.finish();

    wire_connection connection(server.port());
    connection.send(
        request_head("POST", "/api/asset/upload", admin.auth(), form.content_type(), body.size()));
    check_error(connection.read_response(), 413, "Payload Too Large", "Upload too large");
    connection.close();

    const auto small = server.upload_bytes(admin.auth(), "right.jpg",
                                           read_file(fixture("right.jpg")), "small-enough");
    BOOST_TEST(small.status == 201, small.body);
    BOOST_TEST(server.client().get("/api/asset", admin.auth()).json().as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(shutdown_closes_idle_kept_alive_connections_at_once) {
    test_server server;
    wire_connection idle(server.port());
    idle.send("GET /api/server-info/ping HTTP/1.1\r\nHost: a\r\n\r\n");
    BOOST_TEST(idle.read_response().status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

    const auto started = std::chrono::steady_clock::now();
    server.stop();
    const auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST(
        took < std::chrono::seconds(2),
        "stopping took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                         << " ms");
    BOOST_CHECK_THROW(idle.read_response(), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(shutdown_lets_the_upload_in_flight_finish_and_refuses_new_connections) {
    test_server server;
    const auto admin = server.sign_up_admin();
    const auto port = server.port();

    auto form = upload_form("slow-upload");
    std::string bytes = read_file(fixture("test1.jpg"));
    bytes.append(3 * 1024 * 1024, '\x5a');
    form.file("assetData", "slow.jpg", bytes);
    const auto body = form.finish();
    const auto head =
        request_head("POST", "/api/asset/upload", admin.auth(), form.content_type(), body.size());

    // The client sends the body in 20 pieces over about 0.8 seconds.
    std::atomic<bool> started{false};
    std::atomic<bool> finished{false};
    http_result answer;
    std::string failure;
    std::thread uploader([&] {
        try {
            wire_connection connection(port);
            connection.send(head);
            const std::size_t piece = body.size() / 20 + 1;
            for (std::size_t at = 0; at < body.size(); at += piece) {
                connection.send(std::string_view(body).substr(at, piece));
                started = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(40));
            }
            answer = connection.read_response();
        } catch (const std::exception& error) {
            failure = error.what();
        }
        finished = true;
    });
    while (!started && !finished) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (finished) {
        uploader.join();
        BOOST_FAIL("the upload failed before the server was stopped: " << failure);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

    std::thread stopper([&] { server.stop(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    BOOST_TEST(!finished.load(), "the upload ended before the test could stop the server");
    BOOST_TEST(connection_refused(port), "a new connection was accepted while draining");

    stopper.join();
    uploader.join();
    BOOST_TEST(failure.empty(), failure);
    BOOST_TEST(answer.status == 201, answer.body);
    BOOST_TEST(answer.json().at("duplicate").as_bool() == false);
    BOOST_TEST(answer.header("connection") == "close");
    BOOST_TEST(connection_refused(port));
}

BOOST_AUTO_TEST_SUITE_END()
