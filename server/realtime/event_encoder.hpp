#pragma once

#include "domain/events/event_encoder.hpp"

namespace lightbox {

/// The events' JSON payloads, shaped for each room: owners see what REST shows them; the
/// guests of a link see what its REST guest view shows when the link hides metadata, since
/// a payload kept in the log may be replayed after the link started hiding it.
class json_event_encoder final : public event_encoder {
public:
    std::vector<event_record> encode(const change_event& event) const override;
};

} // namespace lightbox
