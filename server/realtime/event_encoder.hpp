#pragma once

#include "domain/events/event_encoder.hpp"

namespace lightbox {

/// The events' JSON payloads, shaped for each room: owners see what REST shows them, the
/// guests of a link see what the link's REST guest view shows.
class json_event_encoder final : public event_encoder {
public:
    std::vector<event_record> encode(const change_event& event) const override;
};

} // namespace lightbox
