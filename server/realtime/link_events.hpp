#pragma once

#include "domain/time.hpp"

#include <optional>
#include <string_view>

namespace lightbox {

/// True for the room of a link's guests.
bool is_link_room(std::string_view room);

/// The expiry an `on_shared_link_update` payload states for its link; nothing when the link
/// never expires or the payload does not say.
std::optional<timestamp> stated_link_expiry(std::string_view payload);

} // namespace lightbox
