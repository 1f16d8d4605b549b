#include "server/realtime/link_events.hpp"

#include "domain/events/event_record.hpp"

#include <boost/json/parse.hpp>

namespace lightbox {

bool is_link_room(std::string_view room) {
    return room.starts_with(link_room({}));
}

std::optional<timestamp> stated_link_expiry(std::string_view payload) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(payload, ec);
    const auto* update = ec ? nullptr : parsed.if_object();
    const auto* link = update ? update->if_contains("link") : nullptr;
    const auto* fields = link ? link->if_object() : nullptr;
    const auto* expires = fields ? fields->if_contains("expiresAt") : nullptr;
    if (!expires || !expires->is_string()) {
        return std::nullopt;
    }
    return parse_iso(expires->get_string());
}

} // namespace lightbox
