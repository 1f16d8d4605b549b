#pragma once

#include "domain/events/event_record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// The durable event log. Appends happen inside the transaction of the change they
/// describe, so an event exists exactly when its change was committed.
class event_log_repository {
public:
    virtual ~event_log_repository() = default;

    /// Assigns the next sequence (one more than the highest ever given) and stores the
    /// record; returns the sequence.
    virtual std::int64_t append(const event_record& record) = 0;
    /// Records of every room with a sequence above `after`, oldest first, at most `limit`.
    virtual std::vector<event_record> read_after(std::int64_t after, std::size_t limit) = 0;
    /// Records of one room with a sequence above `after`, oldest first, at most `limit`.
    virtual std::vector<event_record> read_room_after(const std::string& room,
                                                      std::int64_t after,
                                                      std::size_t limit) = 0;
    /// The highest sequence ever assigned, 0 for none.
    virtual std::int64_t latest_sequence() = 0;
    /// Every sequence up to this one may have been trimmed away; 0 when nothing was.
    virtual std::int64_t trimmed_through() = 0;
    /// Deletes records older than `before` and, beyond that, all but the newest `keep`.
    virtual void trim(timestamp before, std::int64_t keep) = 0;
};

} // namespace lightbox
