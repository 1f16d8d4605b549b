#include "server/app/link_view_cache.hpp"

namespace lightbox {

namespace {

/// Past this many links, or this many bytes of views, the cache starts over rather than
/// grow without bound. The owner's view of a link of 10,000 assets is some 10 MB of JSON.
constexpr std::size_t max_links = 100000;
constexpr std::size_t max_view_bytes = std::size_t{512} << 20;

std::size_t size_of(const link_view_cache::body& view) { return view ? view->size() : 0; }

} // namespace

std::uint64_t link_view_cache::version() const {
    std::shared_lock lock(mutex_);
    return clock_.time();
}

std::optional<caller> link_view_cache::find_guest(const std::string& raw_key) const {
    std::shared_lock lock(mutex_);
    const auto found = guests_by_key_.find(raw_key);
    if (found == guests_by_key_.end() || found->second.link->is_expired(now())) {
        return std::nullopt;
    }
    return found->second;
}

void link_view_cache::remember_guest(const std::string& raw_key, const caller& guest,
                                     std::uint64_t since) {
    std::unique_lock lock(mutex_);
    if (!guest.link || !unchanged_since(*guest.link, since)) {
        return;
    }
    auto& entry = entry_for(*guest.link);
    if (entry.raw_key && *entry.raw_key != raw_key) {
        guests_by_key_.erase(*entry.raw_key);
    }
    entry.raw_key = raw_key;
    guests_by_key_[raw_key] = guest;
}

link_view_cache::body link_view_cache::find_guest_view(const std::string& link_id) const {
    std::shared_lock lock(mutex_);
    const auto found = links_.find(link_id);
    return found == links_.end() ? nullptr : found->second.guest_view;
}

void link_view_cache::remember_guest_view(const shared_link& link, body view,
                                          std::uint64_t since) {
    keep_view(link, &link_entry::guest_view, std::move(view), since);
}

link_view_cache::body link_view_cache::find_owner_view(const std::string& link_id,
                                                       const std::string& user_id) const {
    std::shared_lock lock(mutex_);
    const auto found = links_.find(link_id);
    if (found == links_.end() || found->second.owner_id != user_id) {
        return nullptr;
    }
    return found->second.owner_view;
}

void link_view_cache::remember_owner_view(const shared_link& link, body view,
                                          std::uint64_t since) {
    keep_view(link, &link_entry::owner_view, std::move(view), since);
}

void link_view_cache::links_changed(const std::vector<std::string>& link_ids) {
    std::unique_lock lock(mutex_);
    clock_.changed(link_ids);
    for (const auto& link_id : link_ids) {
        if (const auto found = links_.find(link_id); found != links_.end()) {
            drop(found);
        }
    }
}

void link_view_cache::user_deleted(const std::string& user_id) {
    std::unique_lock lock(mutex_);
    clock_.changed({user_id});
    for (auto it = links_.begin(); it != links_.end();) {
        it = it->second.owner_id == user_id ? drop(it) : std::next(it);
    }
}

void link_view_cache::album_changed(const std::string& album_id) {
    std::unique_lock lock(mutex_);
    clock_.changed({album_id});
    for (auto it = links_.begin(); it != links_.end();) {
        it = it->second.album_id == album_id ? drop(it) : std::next(it);
    }
}

link_view_cache::link_entry& link_view_cache::entry_for(const shared_link& link) {
    if (const auto found = links_.find(link.id); found != links_.end()) {
        return found->second;
    }
    if (links_.size() >= max_links) {
        drop_all();
    }
    auto& entry = links_[link.id];
    entry.owner_id = link.user_id;
    entry.album_id = link.album_id;
    return entry;
}

void link_view_cache::keep_view(const shared_link& link, body link_entry::*slot, body view,
                                std::uint64_t since) {
    std::unique_lock lock(mutex_);
    if (!unchanged_since(link, since) || size_of(view) > max_view_bytes) {
        return;
    }
    if (view_bytes_ + size_of(view) > max_view_bytes) {
        drop_all();
    }
    auto& kept = entry_for(link).*slot;
    view_bytes_ = view_bytes_ - size_of(kept) + size_of(view);
    kept = std::move(view);
}

bool link_view_cache::unchanged_since(const shared_link& link, std::uint64_t since) const {
    return clock_.unchanged_since(
        since, {&link.id, &link.user_id, link.album_id ? &*link.album_id : nullptr});
}

link_view_cache::link_iterator link_view_cache::drop(link_iterator entry) {
    view_bytes_ -= size_of(entry->second.guest_view) + size_of(entry->second.owner_view);
    if (entry->second.raw_key) {
        guests_by_key_.erase(*entry->second.raw_key);
    }
    return links_.erase(entry);
}

void link_view_cache::drop_all() {
    links_.clear();
    guests_by_key_.clear();
    view_bytes_ = 0;
}

} // namespace lightbox
