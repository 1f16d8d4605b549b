#include "server/realtime/socket_frames.hpp"

#include "domain/crypto/crypto.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lightbox::socket_io {

std::string new_id() {
    return crypto::base64url_encode(crypto::random_bytes(15));
}

frame make_frame(std::string text) {
    return std::make_shared<const std::string>(std::move(text));
}

std::string open_packet(std::string_view sid, std::chrono::milliseconds ping_interval,
                        std::chrono::milliseconds ping_timeout) {
    const boost::json::object open{{"sid", sid},
                                   {"upgrades", boost::json::array{}},
                                   {"pingInterval", ping_interval.count()},
                                   {"pingTimeout", ping_timeout.count()},
                                   {"maxPayload", max_payload}};
    return "0" + boost::json::serialize(open);
}

std::string connect_packet(std::string_view socket_id) {
    return "40" + boost::json::serialize(boost::json::object{{"sid", socket_id}});
}

std::string connect_error_packet(std::string_view nsp, std::string_view message) {
    return "44" + std::string(nsp) + "," +
           boost::json::serialize(boost::json::object{{"message", message}});
}

std::string event_packet(std::string_view name, std::string_view payload) {
    std::string out = "42[";
    out += boost::json::serialize(name);
    out += ',';
    out += payload;
    out += ']';
    return out;
}

std::string event_packet(const event_record& record) {
    std::string out = "42[";
    out += boost::json::serialize(record.name);
    out += ',';
    out += record.payload;
    out += ",{\"sequence\":";
    out += std::to_string(record.sequence);
    out += "}]";
    return out;
}

const frame& ping_frame() {
    static const frame ping = make_frame("2");
    return ping;
}

const frame& disconnect_frame() {
    static const frame disconnect = make_frame("41");
    return disconnect;
}

const frame& engine_close_frame() {
    static const frame close = make_frame("1");
    return close;
}

const frame& server_version_frame() {
    static const frame version =
        make_frame(event_packet("on_server_version", R"({"major":1,"minor":81,"patch":1})"));
    return version;
}

const frame& unauthorized_frame() {
    static const frame unauthorized = make_frame(event_packet("error", R"("unauthorized")"));
    return unauthorized;
}

std::optional<connect_request> parse_connect(std::string_view body) {
    connect_request request;

    // `/admin,{…}` names a namespace; the default one is written as nothing.
    if (body.starts_with('/')) {
        const auto comma = body.find(',');
        request.nsp = std::string(body.substr(0, comma));
        body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
    }
    if (body.empty()) {
        return request;
    }

    boost::system::error_code ec;
    auto auth = boost::json::parse(body, ec);
    if (ec || !auth.is_object()) {
        return std::nullopt;
    }
    request.auth = std::move(auth);
    return request;
}

} // namespace lightbox::socket_io
