#include "server/http/connection.hpp"

#include "domain/error.hpp"
#include "server/app/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_generator.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <cstdio>
#include <limits>
#include <random>

namespace lightbox {

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
using header_parser = http::request_parser<http::empty_body>;

std::string new_request_id() {
    static const unsigned prefix = std::random_device{}() & 0xffffffu;
    static std::atomic<unsigned long> counter{0};
    char text[32];
    std::snprintf(text, sizeof text, "%06x-%06lx", prefix, ++counter);
    return text;
}

std::string strip_prefix(std::string path, const std::string& prefix) {
    if (prefix.empty() || path.compare(0, prefix.size(), prefix) != 0) {
        return path;
    }
    if (path.size() == prefix.size()) {
        return "/";
    }
    if (path[prefix.size()] == '/') {
        return path.substr(prefix.size());
    }
    return path;
}

/// Socket.IO's path, with or without the trailing slash its clients add.
bool is_socket_path(const std::string& path) {
    return path == "/socket.io/" || path == "/socket.io";
}

bool is_socket_upgrade(const http::request_header<>& header, const std::string& api_prefix) {
    if (!beast::websocket::is_upgrade(header)) {
        return false;
    }
    const auto target = boost::urls::parse_origin_form(header.target());
    return target && is_socket_path(strip_prefix(std::string(target->path()), api_prefix));
}

/// Sends `100 Continue` when the client waits for it before sending its body.
net::awaitable<void> answer_expect_continue(beast::tcp_stream& stream,
                                            const http::request_header<>& header) {
    const auto expect = header.find(http::field::expect);
    if (expect == header.end() || !beast::iequals(expect->value(), "100-continue")) {
        co_return;
    }
    http::response<http::empty_body> go_on{http::status::continue_, 11};
    co_await http::async_write(stream, go_on, use_tuple);
}

/// The streamed body of an upload, read straight off the socket.
class streamed_body final : public body_source {
public:
    streamed_body(connection_state& state, header_parser&& head, const connection_limits& limits)
        : state_(state), parser_(std::move(head)), limits_(limits) {
        parser_.body_limit(limits.max_upload_bytes);
    }

    net::awaitable<std::size_t> read_some(std::span<char> buffer) override {
        if (!started_) {
            started_ = true;
            // Beast checks a Content-Length against the limit only while parsing the header.
            if (parser_.content_length().value_or(0) > limits_.max_upload_bytes) {
                throw domain_error(error_kind::payload_too_large, "Upload too large");
            }
            co_await answer_expect_continue(state_.stream, parser_.get());
        }
        while (!parser_.is_done()) {
            parser_.get().body().data = buffer.data();
            parser_.get().body().size = buffer.size();
            state_.stream.expires_after(limits_.request_timeout);
            auto [ec, ignored] = co_await http::async_read(state_.stream, state_.buffer, parser_,
                                                           use_tuple);
            if (ec == http::error::need_buffer) {
                ec = {};
            }
            if (ec == http::error::body_limit) {
                throw domain_error(error_kind::payload_too_large, "Upload too large");
            }
            if (ec) {
                throw beast::system_error(ec);
            }
            const auto filled = buffer.size() - parser_.get().body().size;
            if (filled > 0) {
                co_return filled;
            }
        }
        co_return 0;
    }

    bool complete() const { return parser_.is_done(); }
    const http::request_header<>& header() const { return parser_.get(); }

private:
    connection_state& state_;
    http::request_parser<http::buffer_body> parser_;
    const connection_limits& limits_;
    bool started_ = false;
};

struct outcome {
    reply answer;
    std::string route;
    bool keep_alive = false;
};

reply unmatched_reply(http::verb method, const std::string& path) {
    return error_reply(not_found("Cannot " + std::string(http::to_string(method)) + " " + path));
}

net::awaitable<outcome> handle_request(connection_state& state, header_parser& head,
                                       const router& routes, const route_runner& run,
                                       const connection_limits& limits,
                                       const std::string& request_id) {
    const bool has_body = head.content_length().value_or(0) > 0 || head.chunked();
    // A body framed by a transfer coding other than a final `chunked` has no knowable end:
    // reading on would take its bytes for the next request (RFC 9112 §6.3).
    if (head.get().count(http::field::transfer_encoding) > 0 && !head.chunked()) {
        co_return outcome{error_reply(bad_request("Unsupported Transfer-Encoding")), "invalid",
                          false};
    }
    const auto method = head.get().method();
    const auto target = boost::urls::parse_origin_form(head.get().target());
    if (!target) {
        co_return outcome{error_reply(bad_request("Invalid request target")), "invalid", false};
    }
    const auto path = strip_prefix(std::string(target->path()), limits.api_prefix);
    if (is_socket_path(path)) {
        // Only the WebSocket transport is served; upgrades were taken over before this.
        co_return outcome{error_reply(bad_request("Transport unknown")), "/socket.io", !has_body};
    }
    const auto match = routes.match(method, path);
    if (!match) {
        co_return outcome{unmatched_reply(method, path), "unmatched", !has_body};
    }
    const auto& matched = *match->matched;

    // The parser is moved into a body-reading parser below, so the context refers to the
    // header held by that one.
    const auto make_context = [&](const http::request_header<>& header) {
        request_context context{header, path, match->params, {}, request_id,
                                {},     nullptr, std::nullopt};
        for (const auto& param : target->params()) {
            context.query.emplace(param.key, param.has_value ? param.value : std::string{});
        }
        return context;
    };

    if (matched.streams_body) {
        streamed_body body(state, std::move(head), limits);
        auto context = make_context(body.header());
        context.body_stream = &body;
        auto answer = co_await run(matched, context);
        co_return outcome{std::move(answer), matched.pattern, body.complete()};
    }

    http::request_parser<http::string_body> full(std::move(head));
    full.body_limit(limits.max_body_bytes);
    const auto too_large = [&] {
        auto error = domain_error(error_kind::payload_too_large, "Request body too large");
        return outcome{error_reply(error), matched.pattern, false};
    };
    // Beast checks a Content-Length against the limit only while parsing the header.
    if (full.content_length().value_or(0) > limits.max_body_bytes) {
        co_return too_large();
    }
    if (has_body) {
        co_await answer_expect_continue(state.stream, full.get());
        state.stream.expires_after(limits.request_timeout);
        auto [ec, ignored] = co_await http::async_read(state.stream, state.buffer, full, use_tuple);
        if (ec == http::error::body_limit) {
            co_return too_large();
        }
        if (ec.category() == http::make_error_code(http::error::bad_chunk).category() &&
            ec != http::error::partial_message && ec != http::error::end_of_stream) {
            co_return outcome{error_reply(bad_request("Malformed request body")),
                              matched.pattern, false};
        }
        if (ec) {
            throw beast::system_error(ec);
        }
    }
    auto context = make_context(full.get());
    context.body = std::move(full.get().body());
    auto answer = co_await run(matched, context);
    co_return outcome{std::move(answer), matched.pattern, true};
}

bool is_quiet_end(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
           ec == beast::error::timeout || ec == net::error::connection_reset ||
           ec == net::error::eof || ec == http::error::partial_message;
}

} // namespace

void connection_tracker::add(const std::shared_ptr<connection_state>& state) {
    std::lock_guard lock(mutex_);
    std::erase_if(connections_, [](const auto& weak) { return weak.expired(); });
    connections_.push_back(state);
}

void connection_tracker::begin_shutdown() {
    stopping_ = true;
    std::lock_guard lock(mutex_);
    for (const auto& weak : connections_) {
        if (auto state = weak.lock()) {
            net::post(state->stream.get_executor(), [state] {
                if (state->idle) {
                    beast::error_code ignored;
                    state->stream.socket().close(ignored);
                }
            });
        }
    }
}

net::awaitable<void> serve_connection(std::shared_ptr<connection_state> state,
                                      const router& routes, route_runner run,
                                      socket_upgrade upgrade, const connection_limits& limits,
                                      connection_tracker& tracker) {
    ++tracker.active_;
    bool upgraded = false;
    while (!tracker.stopping()) {
        state->idle = true;
        state->stream.expires_after(limits.idle_timeout);
        header_parser head;
        head.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
        // Which body limit applies depends on the route: handle_request checks it.
        head.body_limit(std::numeric_limits<std::uint64_t>::max());
        auto [read_error, ignored] =
            co_await http::async_read_header(state->stream, state->buffer, head, use_tuple);
        state->idle = false;
        if (read_error && is_quiet_end(read_error)) {
            break;
        }

        const auto started = std::chrono::steady_clock::now();
        const auto request_id = new_request_id();
        if (!read_error && upgrade && is_socket_upgrade(head.get(), limits.api_prefix)) {
            upgrade(std::move(state->stream), head.release(), request_id);
            upgraded = true;
            break;
        }
        const std::string method = read_error ? "-" : std::string(head.get().method_string());
        const bool client_keeps_alive = !read_error && head.get().keep_alive();
        outcome result;
        if (read_error) {
            const bool too_large = read_error == http::error::header_limit;
            result.answer = too_large ? error_reply(domain_error(error_kind::payload_too_large,
                                                                 "Request header too large"))
                                      : error_reply(bad_request("Malformed HTTP request"));
            result.route = "invalid";
        } else {
            try {
                result = co_await handle_request(*state, head, routes, run, limits, request_id);
            } catch (const domain_error& error) {
                result = outcome{error_reply(error), "upload", false};
            } catch (const beast::system_error& error) {
                log_info("connection dropped")
                    .field("request_id", request_id)
                    .field("reason", error.code().message());
                break;
            }
            result.keep_alive = result.keep_alive && client_keeps_alive;
        }

        result.keep_alive = result.keep_alive && !tracker.stopping();
        result.answer.set_keep_alive(result.keep_alive);
        result.answer.set_header(http::field::server, "lightbox");
        result.answer.set_header("x-request-id", request_id);
        const auto status = result.answer.status();
        state->stream.expires_after(limits.request_timeout);
        auto [write_error, written] = co_await std::visit(
            [&](auto& message) {
                return http::async_write(state->stream, message, use_tuple);
            },
            result.answer.message);

        const auto elapsed = std::chrono::duration<double, std::milli>(
            std::chrono::steady_clock::now() - started);
        log_info("request")
            .field("request_id", request_id)
            .field("method", method)
            .field("route", result.route)
            .field("status", static_cast<long long>(status))
            .field("duration_ms", elapsed.count());
        if (write_error || !result.keep_alive) {
            break;
        }
    }

    if (!upgraded) {
        beast::error_code ignored;
        state->stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    }
    --tracker.active_;
}

} // namespace lightbox
