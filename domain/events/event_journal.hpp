#pragma once

#include "domain/events/change_listener.hpp"
#include "domain/events/event_encoder.hpp"
#include "domain/events/event_subscriber.hpp"
#include "domain/ports/store.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>

namespace lightbox {

/// Writes each change's events into the durable log inside the change's own transaction,
/// and after the commit hands every newly committed event, in sequence order, to the
/// subscriber. A journal without an encoder records nothing.
class event_journal {
public:
    event_journal() = default;
    /// Reads the log's latest sequence: events committed before now are not published again.
    event_journal(store& db, const event_encoder& encoder, event_subscriber& subscriber);
    event_journal(const event_journal&) = delete;
    event_journal& operator=(const event_journal&) = delete;

    /// Adds one who hears synchronously which links a commit touched; at start-up only.
    void add_listener(change_listener& listener) { listeners_.push_back(&listener); }

    /// Appends the change's records to the log within `work`'s transaction, and notes on
    /// this thread which links it touches.
    void record(unit_of_work& work, const change_event& event);
    /// Called after a commit, on the committing thread: first tells the listener which links
    /// the commit touched, then publishes what was committed and not yet published. Only one
    /// thread publishes at a time; a thread that finds another publishing leaves the work to
    /// it, so nothing waits and nothing is published twice or out of order.
    void committed();

    /// The highest sequence published so far.
    std::int64_t published_through() const { return published_; }
    /// How often reading the log after a commit failed (each time the next commit retried).
    std::int64_t failed_reads() const { return failed_reads_; }

    /// Called after a user was deleted and the deletion committed.
    void user_deleted(const std::string& user_id);

    /// A journal that records nothing, for services used without realtime.
    static event_journal& none();

private:
    store* db_ = nullptr;
    const event_encoder* encoder_ = nullptr;
    event_subscriber* subscriber_ = nullptr;
    std::vector<change_listener*> listeners_;

    std::mutex mutex_;
    bool publishing_ = false;
    bool more_ = false;
    std::atomic<std::int64_t> published_{0};
    std::atomic<std::int64_t> failed_reads_{0};
};

} // namespace lightbox
