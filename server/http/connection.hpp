#pragma once

#include "server/http/net.hpp"
#include "server/http/reply.hpp"
#include "server/http/router.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace lightbox {

struct connection_limits {
    std::uint64_t max_header_bytes;
    std::uint64_t max_body_bytes;
    std::uint64_t max_upload_bytes;
    std::chrono::seconds idle_timeout;
    std::chrono::seconds request_timeout;
    std::string api_prefix;
};

/// Runs a matched route: authentication, then the handler, with every failure turned into
/// a reply.
using route_runner = std::function<net::awaitable<reply>(const route&, request_context&)>;

/// Takes over a connection whose request asks for a WebSocket on the Socket.IO path; the
/// HTTP session ends there.
using socket_upgrade = std::function<void(beast::tcp_stream stream,
                                          http::request<http::empty_body> request,
                                          std::string request_id)>;

/// One client connection; shared with the tracker so that shutdown can close it while idle.
struct connection_state {
    explicit connection_state(net::ip::tcp::socket socket) : stream(std::move(socket)) {}

    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    /// True while waiting for the next request, when closing loses nothing.
    std::atomic<bool> idle{true};
};

/// The connections alive now, so that a graceful shutdown can close the idle ones and wait
/// for the busy ones to finish their request.
class connection_tracker {
public:
    void add(const std::shared_ptr<connection_state>& state);
    void begin_shutdown();
    bool stopping() const { return stopping_; }
    int active() const { return active_; }

    std::atomic<int> active_{0};

private:
    std::mutex mutex_;
    std::vector<std::weak_ptr<connection_state>> connections_;
    std::atomic<bool> stopping_{false};
};

/// Serves HTTP/1.1 requests on one connection until the client leaves, an error or timeout
/// ends it, the server shuts down, or it is upgraded to a WebSocket and handed to `upgrade`.
net::awaitable<void> serve_connection(std::shared_ptr<connection_state> state,
                                      const router& routes, route_runner run,
                                      socket_upgrade upgrade, const connection_limits& limits,
                                      connection_tracker& tracker);

} // namespace lightbox
