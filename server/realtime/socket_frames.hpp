#pragma once

#include "domain/events/event_record.hpp"

#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::socket_io {

/// A text frame as it is queued for a socket: immutable, so one buffer serves every socket
/// that receives it.
using frame = std::shared_ptr<const std::string>;

/// The largest frame a client may send, announced in the open packet.
constexpr std::size_t max_payload = 1000000;

/// A random identifier for an Engine.IO session or a Socket.IO socket.
std::string new_id();

frame make_frame(std::string text);

/// Engine.IO `0{"sid",…}`: the first frame of every session.
std::string open_packet(std::string_view sid, std::chrono::milliseconds ping_interval,
                        std::chrono::milliseconds ping_timeout);
/// Socket.IO `40{"sid":…}`: the default namespace accepted the socket.
std::string connect_packet(std::string_view socket_id);
/// Socket.IO `44/…,{"message":…}`: a namespace other than `/` was asked for.
std::string connect_error_packet(std::string_view nsp, std::string_view message);
/// Socket.IO `42["name",payload]`; the payload is JSON text.
std::string event_packet(std::string_view name, std::string_view payload);
/// `42["name",payload,{"sequence":n}]` for one committed event.
std::string event_packet(const event_record& record);

/// Frames every socket sends the same way.
const frame& ping_frame();
const frame& disconnect_frame();
const frame& engine_close_frame();
const frame& server_version_frame();
const frame& unauthorized_frame();

/// The body of a client's Socket.IO CONNECT packet (what follows `40`).
struct connect_request {
    std::string nsp = "/";
    /// The client's `auth` payload, when it sent one.
    std::optional<boost::json::value> auth;
};

/// Nothing when the body is neither empty, a namespace, nor followed by a JSON object.
std::optional<connect_request> parse_connect(std::string_view body);

} // namespace lightbox::socket_io
