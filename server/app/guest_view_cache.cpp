#include "server/app/guest_view_cache.hpp"

namespace lightbox {

namespace {

/// Past this many entries the cache starts over rather than grow without bound.
constexpr std::size_t max_entries = 100000;

} // namespace

std::uint64_t guest_view_cache::generation() const {
    std::shared_lock lock(mutex_);
    return generation_;
}

std::optional<caller> guest_view_cache::find_guest(const std::string& raw_key) const {
    std::shared_lock lock(mutex_);
    const auto found = guests_by_key_.find(raw_key);
    if (found == guests_by_key_.end() || found->second.link->is_expired(now())) {
        return std::nullopt;
    }
    return found->second;
}

void guest_view_cache::remember_guest(const std::string& raw_key, const caller& guest,
                                      std::uint64_t since) {
    std::unique_lock lock(mutex_);
    if (since != generation_ || !guest.link) {
        return;
    }
    if (guests_by_key_.size() >= max_entries) {
        guests_by_key_.clear();
        key_by_link_.clear();
    }
    guests_by_key_[raw_key] = guest;
    key_by_link_[guest.link->id] = raw_key;
}

std::shared_ptr<const std::string> guest_view_cache::find_view(const std::string& link_id) const {
    std::shared_lock lock(mutex_);
    const auto found = views_.find(link_id);
    return found == views_.end() ? nullptr : found->second;
}

void guest_view_cache::remember_view(const std::string& link_id,
                                     std::shared_ptr<const std::string> view,
                                     std::uint64_t since) {
    std::unique_lock lock(mutex_);
    if (since != generation_) {
        return;
    }
    if (views_.size() >= max_entries) {
        views_.clear();
    }
    views_[link_id] = std::move(view);
}

void guest_view_cache::drop_link(const std::string& link_id) {
    views_.erase(link_id);
    if (const auto key = key_by_link_.find(link_id); key != key_by_link_.end()) {
        guests_by_key_.erase(key->second);
        key_by_link_.erase(key);
    }
}

void guest_view_cache::links_changed(const std::vector<std::string>& link_ids) {
    std::unique_lock lock(mutex_);
    ++generation_;
    for (const auto& link_id : link_ids) {
        drop_link(link_id);
    }
}

void guest_view_cache::user_deleted(const std::string& user_id) {
    std::unique_lock lock(mutex_);
    ++generation_;
    for (auto it = guests_by_key_.begin(); it != guests_by_key_.end();) {
        if (it->second.actor.id == user_id) {
            views_.erase(it->second.link->id);
            key_by_link_.erase(it->second.link->id);
            it = guests_by_key_.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace lightbox
