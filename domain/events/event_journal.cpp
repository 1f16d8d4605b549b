#include "domain/events/event_journal.hpp"

namespace lightbox {

namespace {

constexpr std::string_view link_room_prefix = "link:";

} // namespace

event_journal::event_journal(store& db, const event_encoder& encoder,
                             event_subscriber& subscriber)
    : encoder_(&encoder), subscriber_(&subscriber) {
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
    auto entries = encoder_->encode(event);
    if (entries.empty()) {
        return;
    }
    std::vector<std::string> links;
    for (auto& entry : entries) {
        entry.created_at = at;
        entry.sequence = work.events().append(entry);
        if (entry.room.starts_with(link_room_prefix)) {
            links.push_back(entry.room.substr(link_room_prefix.size()));
        }
    }
    work.after_commit([this, entries = std::move(entries), links = std::move(links)] {
        if (!links.empty()) {
            for (auto* listener : listeners_) {
                listener->links_changed(links);
            }
        }
        subscriber_->publish(entries);
        published_ = entries.back().sequence;
    });
}

void event_journal::user_deleted(const std::string& user_id) {
    for (auto* listener : listeners_) {
        listener->user_deleted(user_id);
    }
}

} // namespace lightbox
