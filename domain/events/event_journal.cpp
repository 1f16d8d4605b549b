#include "domain/events/event_journal.hpp"

namespace lightbox {

namespace {

constexpr std::size_t publish_batch = 1000;
constexpr std::string_view link_room_prefix = "link:";

/// The links this thread's current change touched: recorded with its events, handed to the
/// listener right after its commit. A rolled-back change leaves its ids here for the next
/// commit, which then invalidates a little more than it needs to; never less.
thread_local std::vector<std::string> touched_links;

} // namespace

event_journal::event_journal(store& db, const event_encoder& encoder,
                             event_subscriber& subscriber)
    : db_(&db), encoder_(&encoder), subscriber_(&subscriber) {
    // What was committed before this process began is history: a client asks for it.
    published_ = db.begin(access_mode::read)->events().latest_sequence();
}

event_journal& event_journal::none() {
    static event_journal nothing;
    return nothing;
}

void event_journal::record(unit_of_work& work, const change_event& event) {
    if (!encoder_) {
        return;
    }
    const auto at = now();
    for (auto& entry : encoder_->encode(event)) {
        entry.created_at = at;
        work.events().append(entry);
        if (entry.room.starts_with(link_room_prefix)) {
            touched_links.push_back(entry.room.substr(link_room_prefix.size()));
        }
    }
}

void event_journal::user_deleted(const std::string& user_id) {
    for (auto* listener : listeners_) {
        listener->user_deleted(user_id);
    }
}

void event_journal::committed() {
    if (!encoder_) {
        return;
    }
    if (!touched_links.empty()) {
        auto links = std::move(touched_links);
        touched_links.clear();
        for (auto* listener : listeners_) {
            listener->links_changed(links);
        }
    }
    {
        std::lock_guard lock(mutex_);
        if (publishing_) {
            more_ = true;
            return;
        }
        publishing_ = true;
        more_ = false;
    }

    for (;;) {
        std::vector<event_record> batch;
        try {
            batch = db_->begin(access_mode::read)->events().read_after(published_, publish_batch);
        } catch (const std::exception&) {
            // The change itself is committed; its events stay in the log and go out with the
            // next commit's publication, so the request that made it still succeeds.
            ++failed_reads_;
            std::lock_guard lock(mutex_);
            publishing_ = false;
            return;
        }
        if (!batch.empty()) {
            subscriber_->publish(batch);
            published_ = batch.back().sequence;
        }

        std::lock_guard lock(mutex_);
        if (batch.size() < publish_batch && !more_) {
            publishing_ = false;
            return;
        }
        more_ = false;
    }
}

} // namespace lightbox
