#pragma once

#include "domain/time.hpp"

#include <cstdint>
#include <string>

namespace lightbox {

/// One event as it is kept in the durable log and sent to one room: the sequence orders it
/// among every event, the payload is the JSON its receivers get.
struct event_record {
    std::int64_t sequence = 0;
    std::string room;
    /// `on_upload_success`, `on_shared_link_update`, …
    std::string name;
    /// JSON text, already shaped for the room's audience.
    std::string payload;
    timestamp created_at{};
};

/// Who receives an event: a user (their own sockets), or the guests watching one link.
std::string user_room(const std::string& user_id);
std::string link_room(const std::string& link_id);

} // namespace lightbox
