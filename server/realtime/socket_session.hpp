#pragma once

#include "server/app/app_context.hpp"
#include "server/http/net.hpp"
#include "server/realtime/socket_auth.hpp"
#include "server/realtime/socket_frames.hpp"
#include "server/realtime/socket_hub.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lightbox {

namespace websocket = boost::beast::websocket;

/// One committed event on its way to one socket.
struct outgoing_event {
    std::int64_t sequence = 0;
    socket_io::frame frame;
    /// The link was deleted: a guest socket is closed once the event is queued.
    bool ends_link_access = false;
    /// The event states its link's settings, and so when the link's guests lose access.
    bool states_link = false;
    std::optional<timestamp> link_expires_at;
};

/**
 * One Socket.IO client on a WebSocket (Engine.IO 4, websocket transport, default namespace).
 * Everything it owns is touched only on its strand: the read loop, the writer draining the
 * bounded frame queue, the heartbeat and the connect step with its replay of missed events.
 */
class socket_session : public std::enable_shared_from_this<socket_session> {
public:
    socket_session(app_context& app, socket_hub& hub, beast::tcp_stream stream,
                   http::request<http::empty_body> upgrade, std::string request_id);

    /// Accepts the WebSocket and serves it until it closes, on the stream's strand.
    void start();

    net::any_io_executor get_executor() { return ws_.get_executor(); }
    /// On the strand: queues committed events of the socket's room, in sequence order.
    void deliver(std::vector<outgoing_event> events);
    /// On the strand: the server is stopping.
    void shut_down();
    /// On the strand: `user_id` was deleted; closes the socket if it acts for that user (a
    /// guest acts for the owner of its link).
    void revoke(const std::string& user_id);

private:
    net::awaitable<void> run();
    /// Runs one of the session's coroutines on its strand; a failure is logged and ends it.
    void spawn(std::string_view step, net::awaitable<void> (socket_session::*body)());
    net::awaitable<void> read_packets();
    void on_packet(std::string_view packet);
    net::awaitable<void> write_frames();
    net::awaitable<void> keep_alive();

    net::awaitable<void> connect();
    net::awaitable<void> replay(std::int64_t after);
    /// Resumes after the writer has sent at least one more frame.
    net::awaitable<void> written_some();
    bool send(const outgoing_event& event);

    /// A guest socket closes when its link expires.
    void watch_link_expiry();
    void enqueue(socket_io::frame frame);
    /// Sends the final frames, then the WebSocket close; aborts if that takes too long.
    void close(std::string_view reason, websocket::close_code code,
               std::vector<socket_io::frame> last_frames = {});
    /// Drops the connection at once.
    void abort(std::string_view reason);
    void finish();
    void cancel_timers();
    std::string_view room_kind() const;

    app_context& app_;
    socket_hub& hub_;
    websocket::stream<beast::tcp_stream> ws_;
    http::request<http::empty_body> upgrade_;
    std::map<std::string, std::string> query_;
    std::string request_id_;
    std::string engine_id_;
    std::string socket_id_;
    beast::flat_buffer buffer_;

    std::deque<socket_io::frame> queue_;
    /// Wakes the writer when a frame is queued, and a replay waiting for the queue to drain.
    net::steady_timer wake_writer_;
    net::steady_timer drained_;
    net::steady_timer ping_timer_;
    net::steady_timer pong_timer_;
    net::steady_timer close_timer_;
    net::steady_timer expiry_timer_;

    socket_io::connect_request connect_request_;
    std::optional<socket_identity> identity_;
    std::optional<timestamp> link_expires_at_;
    /// While missed events are replayed, live ones wait here.
    bool replaying_ = false;
    std::vector<outgoing_event> held_;
    /// The highest sequence queued, or known to the client already.
    std::int64_t sent_through_ = 0;

    std::chrono::steady_clock::time_point opened_at_;
    bool accepted_ = false;
    bool connect_started_ = false;
    bool pong_received_ = false;
    bool closing_ = false;
    bool finished_ = false;
    websocket::close_code close_code_ = websocket::close_code::normal;
    std::string reason_;
};

/// The event as every socket of its room receives it: its frame is built once.
outgoing_event outgoing(const event_record& record);

/// Takes over a connection whose upgrade request asked for the Socket.IO WebSocket.
void accept_socket(app_context& app, socket_hub& hub, beast::tcp_stream stream,
                   http::request<http::empty_body> upgrade, std::string request_id);

} // namespace lightbox
