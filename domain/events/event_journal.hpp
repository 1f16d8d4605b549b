#pragma once

#include "domain/events/change_listener.hpp"
#include "domain/events/event_encoder.hpp"
#include "domain/events/event_subscriber.hpp"
#include "domain/ports/store.hpp"

#include <atomic>
#include <cstdint>

namespace lightbox {

/// Writes each change's events into the durable log inside the change's own unit of work,
/// and once that unit's commit is durable, before it is acknowledged, tells the listeners
/// which links it touched and hands its events to the subscriber. Commits (and so their
/// after-commit actions) happen one at a time in sequence order, so the subscriber gets
/// every committed event once, in order. A journal without an encoder records nothing.
class event_journal {
public:
    event_journal() = default;
    /// Reads the log's latest sequence: events committed before now are not published again.
    event_journal(store& db, const event_encoder& encoder, event_subscriber& subscriber);
    event_journal(const event_journal&) = delete;
    event_journal& operator=(const event_journal&) = delete;

    /// Adds one who hears synchronously which links a commit touched; at start-up only.
    void add_listener(change_listener& listener) { listeners_.push_back(&listener); }

    /// Appends the change's records to the log within `work`, to be published after its
    /// commit.
    void record(unit_of_work& work, const change_event& event);

    /// The highest sequence published so far.
    std::int64_t published_through() const { return published_; }

    /// Called once a user's deletion is durable (from its after-commit action), before it is
    /// acknowledged.
    void user_deleted(const std::string& user_id);

    /// A journal that records nothing, for services used without realtime.
    static event_journal& none();

private:
    const event_encoder* encoder_ = nullptr;
    event_subscriber* subscriber_ = nullptr;
    std::vector<change_listener*> listeners_;
    std::atomic<std::int64_t> published_{0};
};

} // namespace lightbox
