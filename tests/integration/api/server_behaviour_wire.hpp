// What the integration tests need below the harness's one-request client: a connection kept
// open across requests, a body sent in pieces, a peek at the process's memory and the
// errors every route answers in the same NestJS shape.
#pragma once

#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <fstream>
#include <string>
#include <string_view>

namespace lightbox::testing {

/// One blocking TCP connection to the server on 127.0.0.1, for tests that decide themselves
/// when bytes go out and when the connection ends.
class wire_connection {
public:
    explicit wire_connection(unsigned short port) : socket_(io_) {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }

    void send(std::string_view bytes) {
        boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()));
    }

    /// Reads one whole response off the connection.
    http_result read_response() {
        namespace http = boost::beast::http;
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        http::read(socket_, buffer_, parser);
        const auto& in = parser.get();
        http_result result;
        result.status = static_cast<int>(in.result_int());
        result.body = in.body();
        for (const auto& field : in) {
            std::string name(field.name_string());
            for (auto& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            result.headers.emplace(name, std::string(field.value()));
        }
        return result;
    }

    /// Tells the server no more bytes are coming, then drops the connection.
    void close() {
        boost::system::error_code ignored;
        socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};

/// Whether a new connection to the port is turned away.
inline bool connection_refused(unsigned short port) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    return ec == boost::asio::error::connection_refused;
}

/// The request head for a body of `length` bytes sent with `content_type`.
inline std::string request_head(const std::string& method, const std::string& target,
                                const header_list& headers, const std::string& content_type,
                                std::size_t length) {
    std::string head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers) {
        head += name + ": " + value + "\r\n";
    }
    head += "Content-Type: " + content_type + "\r\n";
    head += "Content-Length: " + std::to_string(length) + "\r\n\r\n";
    return head;
}

/// The form fields of an upload as the harness sends them, with the file part last.
inline multipart_body upload_form(const std::string& device_asset_id) {
    multipart_body form;
    form.field("deviceAssetId", device_asset_id);
    form.field("deviceId", "wire-tests");
    form.field("fileCreatedAt", "2023-10-04T12:34:56.789Z");
    form.field("fileModifiedAt", "2023-10-04T12:34:56.789Z");
    return form;
}

/// The resident set size of this process, in kB: the server runs in it.
inline long resident_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

/// A NestJS error body with a single message.
inline void check_error(const http_result& result, int status, const std::string& reason,
                        const std::string& message) {
    BOOST_TEST(result.status == status, "status " << result.status << ", body " << result.body);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == status);
    BOOST_TEST(body.at("error").as_string() == reason);
    BOOST_REQUIRE(body.at("message").is_string());
    BOOST_TEST(body.at("message").as_string() == message);
}

/// A NestJS validation failure: 400 with a message array that holds `message`.
inline void check_validation(const http_result& result, const std::string& message) {
    BOOST_TEST(result.status == 400, "status " << result.status << ", body " << result.body);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == 400);
    BOOST_TEST(body.at("error").as_string() == "Bad Request");
    BOOST_REQUIRE_MESSAGE(body.at("message").is_array(),
                          "message is not an array: " << result.body);
    bool found = false;
    for (const auto& each : body.at("message").as_array()) {
        found = found || (each.is_string() && each.as_string() == message);
    }
    BOOST_TEST(found, "no '" << message << "' in " << result.body);
}

/// A validation failure about a missing `field`: Immich's exact wording depends on the
/// decorators of each field, so only that one of the messages names it is checked.
inline void check_validation_of(const http_result& result, const std::string& field) {
    BOOST_TEST(result.status == 400, "status " << result.status << ", body " << result.body);
    const auto body = result.json().as_object();
    BOOST_TEST(body.at("statusCode").as_int64() == 400);
    BOOST_TEST(body.at("error").as_string() == "Bad Request");
    BOOST_REQUIRE_MESSAGE(body.at("message").is_array(),
                          "message is not an array: " << result.body);
    bool found = false;
    for (const auto& each : body.at("message").as_array()) {
        found = found || (each.is_string() && each.as_string().starts_with(field + " "));
    }
    BOOST_TEST(found, "no message about " << field << " in " << result.body);
}

} // namespace lightbox::testing
