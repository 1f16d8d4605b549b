#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>

namespace lightbox::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

boost::json::value http_result::json() const { return boost::json::parse(body); }

std::string http_result::header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string{} : found->second;
}

http_result test_client::request(const std::string& method, const std::string& target,
                                 const std::string& body, const header_list& headers,
                                 const std::string& content_type) const {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));

    http::request<http::string_body> out{http::string_to_verb(method), target, 11};
    out.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) {
        out.set(name, value);
    }
    if (!body.empty()) {
        out.set(http::field::content_type, content_type);
        out.body() = body;
    }
    out.prepare_payload();
    http::write(stream, out);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    http::read(stream, buffer, parser);
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
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    return result;
}

http_result test_client::get(const std::string& target, const header_list& headers) const {
    return request("GET", target, {}, headers);
}

http_result test_client::post(const std::string& target, const boost::json::value& body,
                              const header_list& headers) const {
    return request("POST", target, boost::json::serialize(body), headers);
}

http_result test_client::put(const std::string& target, const boost::json::value& body,
                             const header_list& headers) const {
    return request("PUT", target, boost::json::serialize(body), headers);
}

http_result test_client::patch(const std::string& target, const boost::json::value& body,
                               const header_list& headers) const {
    return request("PATCH", target, boost::json::serialize(body), headers);
}

http_result test_client::del(const std::string& target, const header_list& headers,
                             const std::string& body) const {
    return request("DELETE", target, body, headers);
}

std::string test_client::raw_exchange(const std::string& raw, int timeout_ms) const {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    stream.expires_after(std::chrono::milliseconds(timeout_ms));
    net::write(stream.socket(), net::buffer(raw));
    std::string received;
    char chunk[4096];
    for (;;) {
        beast::error_code ec;
        stream.expires_after(std::chrono::milliseconds(timeout_ms));
        const auto got = stream.read_some(net::buffer(chunk), ec);
        received.append(chunk, got);
        if (ec) {
            break;
        }
    }
    return received;
}

void multipart_body::field(const std::string& name, const std::string& value) {
    content += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
               "\"\r\n\r\n" + value + "\r\n";
}

void multipart_body::file(const std::string& name, const std::string& file_name,
                          const std::string& bytes, const std::string& content_type) {
    content += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
               "\"; filename=\"" + file_name + "\"\r\nContent-Type: " + content_type +
               "\r\n\r\n" + bytes + "\r\n";
}

std::string multipart_body::finish() { return content + "--" + boundary + "--\r\n"; }

header_list bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
header_list with_api_key(const std::string& key) { return {{"x-api-key", key}}; }
header_list with_share_key(const std::string& key) { return {{"x-immich-share-key", key}}; }

} // namespace lightbox::testing
