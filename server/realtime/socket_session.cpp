#include "server/realtime/socket_session.hpp"

#include "server/app/log.hpp"
#include "server/http/reply.hpp"
#include "server/realtime/link_events.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>

namespace lightbox {

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
/// How long the WebSocket opening and closing handshakes may take.
constexpr auto handshake_timeout = std::chrono::seconds(10);
/// A socket that never asks for a namespace is dropped at the first heartbeat after this.
constexpr auto connect_timeout = std::chrono::seconds(45);
/// After this long a close the peer does not complete becomes an abort.
constexpr auto close_grace = std::chrono::seconds(5);
constexpr auto longest_wait = std::chrono::hours(24);

std::string_view reason_for(const beast::error_code& ec) {
    if (ec == websocket::error::closed) {
        return "client_closed";
    }
    if (ec == websocket::error::message_too_big) {
        return "payload_too_large";
    }
    return "connection_lost";
}

} // namespace

outgoing_event outgoing(const event_record& record) {
    outgoing_event event;
    event.sequence = record.sequence;
    event.frame = socket_io::make_frame(socket_io::event_packet(record));
    event.ends_link_access = record.name == "on_shared_link_delete";
    if (record.name == "on_shared_link_update" && is_link_room(record.room)) {
        event.states_link = true;
        event.link_expires_at = stated_link_expiry(record.payload);
    }
    return event;
}

socket_session::socket_session(app_context& app, socket_hub& hub, beast::tcp_stream stream,
                               http::request<http::empty_body> upgrade, std::string request_id)
    : app_(app), hub_(hub), ws_(std::move(stream)), upgrade_(std::move(upgrade)),
      query_(query_of(upgrade_.target())), request_id_(std::move(request_id)),
      engine_id_(socket_io::new_id()), socket_id_(socket_io::new_id()),
      wake_writer_(ws_.get_executor()), drained_(ws_.get_executor()),
      ping_timer_(ws_.get_executor()), pong_timer_(ws_.get_executor()),
      close_timer_(ws_.get_executor()), expiry_timer_(ws_.get_executor()) {}

void socket_session::start() {
    spawn("run", &socket_session::run);
}

void socket_session::spawn(std::string_view step, net::awaitable<void> (socket_session::*body)()) {
    auto self = shared_from_this();
    net::co_spawn(
        get_executor(), [self, body] { return ((*self).*body)(); },
        [self, step](std::exception_ptr failure) {
            if (!failure) {
                return;
            }
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& error) {
                log_error("socket failed")
                    .field("request_id", self->request_id_)
                    .field("step", step)
                    .field("error", loggable_error(error));
            }
            self->abort("internal_error");
        });
}

net::awaitable<void> socket_session::run() {
    if (!hub_.add(shared_from_this())) {
        abort("server_shutdown");
        finish();
        co_return;
    }

    // Only Engine.IO 4 is spoken; an older client would misread every packet.
    if (const auto version = query_.find("EIO");
        version != query_.end() && version->second != "4") {
        auto answer = error_reply(bad_request("Unsupported protocol version"));
        answer.set_keep_alive(false);
        beast::get_lowest_layer(ws_).expires_after(handshake_timeout);
        co_await std::visit(
            [&](auto& message) { return http::async_write(ws_.next_layer(), message, use_tuple); },
            answer.message);
        abort("unsupported_protocol");
        finish();
        co_return;
    }

    // The WebSocket keeps its own handshake timeouts; the Engine.IO heartbeat finds dead peers.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(
        websocket::stream_base::timeout{handshake_timeout, websocket::stream_base::none(), false});
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "lightbox"); }));
    ws_.read_message_max(socket_io::max_payload);
    auto [accept_error] = co_await ws_.async_accept(upgrade_, use_tuple);
    if (accept_error) {
        abort("handshake_failed");
        finish();
        co_return;
    }
    accepted_ = true;
    opened_at_ = std::chrono::steady_clock::now();
    ws_.text(true);

    const auto& options = hub_.options();
    enqueue(socket_io::make_frame(
        socket_io::open_packet(engine_id_, options.ping_interval, options.ping_timeout)));
    spawn("writer", &socket_session::write_frames);
    spawn("heartbeat", &socket_session::keep_alive);
    co_await read_packets();
    finish();
}

net::awaitable<void> socket_session::read_packets() {
    for (;;) {
        auto [ec, size] = co_await ws_.async_read(buffer_, use_tuple);
        if (ec) {
            if (reason_.empty()) {
                reason_ = reason_for(ec);
            }
            co_return;
        }
        if (!ws_.got_text()) {
            buffer_.clear();
            close("binary_frame", websocket::close_code::unknown_data);
            continue;
        }
        const auto packet = beast::buffers_to_string(buffer_.data());
        buffer_.clear();
        on_packet(packet);
    }
}

void socket_session::on_packet(std::string_view packet) {
    if (packet == "3") {
        pong_received_ = true;
        pong_timer_.cancel();
        return;
    }
    if (closing_) {
        return;
    }
    if (packet == "1") {
        close("client_closed", websocket::close_code::normal);
        return;
    }
    if (packet == "41") {
        close("client_disconnect", websocket::close_code::normal);
        return;
    }
    if (packet.starts_with("40") && !connect_started_) {
        auto request = socket_io::parse_connect(packet.substr(2));
        if (!request) {
            close("invalid_packet", websocket::close_code::policy_error);
            return;
        }
        if (request->nsp != "/") {
            enqueue(socket_io::make_frame(
                socket_io::connect_error_packet(request->nsp, "Invalid namespace")));
            return;
        }
        connect_started_ = true;
        connect_request_ = std::move(*request);
        spawn("connect", &socket_session::connect);
    }
    // Events and acknowledgements from the client mean nothing here.
}

net::awaitable<void> socket_session::write_frames() {
    while (!finished_) {
        if (queue_.empty()) {
            if (closing_) {
                co_await ws_.async_close(close_code_, use_tuple);
                co_return;
            }
            wake_writer_.expires_at(net::steady_timer::time_point::max());
            co_await wake_writer_.async_wait(use_tuple);
            continue;
        }

        const auto frame = queue_.front();
        auto [ec, size] = co_await ws_.async_write(net::buffer(*frame), use_tuple);
        if (ec) {
            abort(reason_for(ec));
            co_return;
        }
        queue_.pop_front();
        drained_.cancel();
    }
}

net::awaitable<void> socket_session::keep_alive() {
    const auto& options = hub_.options();
    while (!closing_) {
        ping_timer_.expires_after(options.ping_interval);
        co_await ping_timer_.async_wait(use_tuple);
        if (closing_) {
            co_return;
        }
        if (!connect_started_ && std::chrono::steady_clock::now() - opened_at_ >= connect_timeout) {
            close("connect_timeout", websocket::close_code::normal);
            co_return;
        }

        pong_received_ = false;
        enqueue(socket_io::ping_frame());
        pong_timer_.expires_after(options.ping_timeout);
        co_await pong_timer_.async_wait(use_tuple);
        if (closing_) {
            co_return;
        }
        if (!pong_received_) {
            close("ping_timeout", websocket::close_code::going_away);
            co_return;
        }
    }
}

void socket_session::deliver(std::vector<outgoing_event> events) {
    if (closing_) {
        return;
    }
    if (replaying_) {
        held_.insert(held_.end(), std::make_move_iterator(events.begin()),
                     std::make_move_iterator(events.end()));
        if (held_.size() > hub_.options().queue_limit) {
            abort("queue_overflow");
        }
        return;
    }
    for (const auto& event : events) {
        if (!send(event)) {
            return;
        }
    }
}

bool socket_session::send(const outgoing_event& event) {
    if (closing_) {
        return false;
    }
    // The log can show a committed event before it is published: a socket that replayed it
    // gets it live again, right after, and skips it.
    if (event.sequence <= sent_through_) {
        return true;
    }
    if (identity_ && identity_->is_guest()) {
        if (event.states_link) {
            link_expires_at_ = event.link_expires_at;
            watch_link_expiry();
        }
        // Nothing more reaches the guest of a link that expired.
        if (link_expires_at_ && *link_expires_at_ <= now()) {
            close("link_expired", websocket::close_code::normal, {socket_io::disconnect_frame()});
            return false;
        }
    }
    if (queue_.size() >= hub_.options().queue_limit) {
        abort("queue_overflow");
        return false;
    }
    enqueue(event.frame);
    sent_through_ = event.sequence;
    if (event.ends_link_access && identity_ && identity_->is_guest()) {
        close("link_deleted", websocket::close_code::normal, {socket_io::disconnect_frame()});
        return false;
    }
    return true;
}

void socket_session::shut_down() {
    if (!accepted_) {
        abort("server_shutdown");
        return;
    }
    close("server_shutdown", websocket::close_code::going_away, {socket_io::engine_close_frame()});
}

void socket_session::revoke(const std::string& user_id) {
    if (!identity_ || identity_->who.id() != user_id) {
        return;
    }
    close("user_deleted", websocket::close_code::policy_error, {socket_io::disconnect_frame()});
}

void socket_session::watch_link_expiry() {
    if (!link_expires_at_) {
        expiry_timer_.cancel();
        return;
    }
    // A far expiry is checked again daily rather than overflowing the clock's nanoseconds.
    const auto remaining = std::chrono::milliseconds(*link_expires_at_ - now());
    expiry_timer_.expires_after(std::min<std::chrono::milliseconds>(remaining, longest_wait));
    expiry_timer_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
        if (ec) {
            return;
        }
        if (*self->link_expires_at_ <= now()) {
            self->close("link_expired", websocket::close_code::normal,
                        {socket_io::disconnect_frame()});
        } else {
            self->watch_link_expiry();
        }
    });
}

void socket_session::enqueue(socket_io::frame frame) {
    queue_.push_back(std::move(frame));
    wake_writer_.cancel();
}

void socket_session::close(std::string_view reason, websocket::close_code code,
                           std::vector<socket_io::frame> last_frames) {
    if (closing_) {
        return;
    }
    closing_ = true;
    reason_ = reason;
    close_code_ = code;
    for (auto& frame : last_frames) {
        queue_.push_back(std::move(frame));
    }
    cancel_timers();

    // A peer that stops reading would never let the close handshake finish.
    close_timer_.expires_after(close_grace);
    close_timer_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
        if (!ec) {
            self->abort("close_timeout");
        }
    });
}

void socket_session::abort(std::string_view reason) {
    if (reason_.empty()) {
        reason_ = reason;
    }
    closing_ = true;
    cancel_timers();
    close_timer_.cancel();
    beast::get_lowest_layer(ws_).close();
}

void socket_session::cancel_timers() {
    wake_writer_.cancel();
    drained_.cancel();
    ping_timer_.cancel();
    pong_timer_.cancel();
    expiry_timer_.cancel();
}

void socket_session::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    abort("closed");
    hub_.remove(shared_from_this(), identity_ ? identity_->room : std::string{});

    const auto lasted =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - opened_at_);
    log_info("socket disconnected")
        .field("request_id", request_id_)
        .field("room_kind", room_kind())
        .field("reason", reason_)
        .field("duration_ms", accepted_ ? lasted.count() : 0.0);
}

std::string_view socket_session::room_kind() const {
    if (!identity_) {
        return "none";
    }
    return identity_->is_guest() ? "link" : "user";
}

void accept_socket(app_context& app, socket_hub& hub, beast::tcp_stream stream,
                   http::request<http::empty_body> upgrade, std::string request_id) {
    std::make_shared<socket_session>(app, hub, std::move(stream), std::move(upgrade),
                                     std::move(request_id))
        ->start();
}

} // namespace lightbox
