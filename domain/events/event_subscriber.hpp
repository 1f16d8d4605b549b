#pragma once

#include "domain/events/event_record.hpp"

#include <vector>

namespace lightbox {

/// Receives committed events, in sequence order, from one thread at a time. The WebSocket
/// layer is one subscriber; tests can be another.
class event_subscriber {
public:
    virtual ~event_subscriber() = default;

    virtual void publish(const std::vector<event_record>& batch) = 0;
};

} // namespace lightbox
