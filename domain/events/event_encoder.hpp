#pragma once

#include "domain/events/change_event.hpp"
#include "domain/events/event_record.hpp"

#include <vector>

namespace lightbox {

/// Turns a change into the records its rooms receive, each payload shaped for its audience
/// (a guest of a link that hides metadata gets no metadata). The server provides it, since
/// payloads are the API's JSON.
class event_encoder {
public:
    virtual ~event_encoder() = default;

    virtual std::vector<event_record> encode(const change_event& event) const = 0;
};

} // namespace lightbox
