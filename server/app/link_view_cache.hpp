#pragma once

#include "domain/events/change_listener.hpp"
#include "server/http/serialised_view.hpp"
#include "domain/services/caller.hpp"
#include "server/app/change_clock.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace lightbox {

/// What is asked for again and again about shared links, kept in memory: who a share key
/// opens, and each link's serialised view twice, as its guests see it (`/shared-link/me`)
/// and as its owner does (`GET /shared-link/:id`). A committed change of a link, its album
/// or its assets drops that link's entries before the change is acknowledged, so nobody is
/// shown a link as it was before a change that was confirmed; other links' entries stay.
/// Expiry is still checked on every guest request, ownership on every owner request.
class link_view_cache final : public change_listener {
public:
    using body = view_body;

    /// Take this before loading from the database and hand it back with what was loaded:
    /// the load is kept only if nothing it shows changed meanwhile.
    std::uint64_t version() const;

    /// The caller a raw share key opens, when cached and not expired now.
    std::optional<caller> find_guest(const std::string& raw_key) const;
    void remember_guest(const std::string& raw_key, const caller& guest, std::uint64_t since);

    body find_guest_view(const std::string& link_id) const;
    void remember_guest_view(const shared_link& link, body view, std::uint64_t since);

    /// Null unless `user_id` owns the link, so that anyone else is answered as if nothing
    /// were cached.
    body find_owner_view(const std::string& link_id, const std::string& user_id) const;
    void remember_owner_view(const shared_link& link, body view, std::uint64_t since);

    void links_changed(const std::vector<std::string>& link_ids) override;
    void user_deleted(const std::string& user_id) override;
    /// For a change to an album that links show but that reaches them through no event:
    /// sharing it with users moves its `updatedAt`.
    void album_changed(const std::string& album_id);

private:
    /// Everything cached about one link.
    struct link_entry {
        std::string owner_id;
        std::optional<std::string> album_id;
        std::optional<std::string> raw_key;
        body guest_view;
        body owner_view;
    };

    /// The link's entry, made if missing, after making room for it.
    link_entry& entry_for(const shared_link& link);
    void keep_view(const shared_link& link, body link_entry::*slot, body view,
                   std::uint64_t since);
    bool unchanged_since(const shared_link& link, std::uint64_t since) const;
    using link_iterator = std::unordered_map<std::string, link_entry>::iterator;
    /// Drops the entry with the guest key that opens it; returns the next entry.
    link_iterator drop(link_iterator entry);
    void drop_all();

    mutable std::shared_mutex mutex_;
    change_clock clock_;
    std::unordered_map<std::string, link_entry> links_;
    /// Each key here is the `raw_key` of its link's entry.
    std::unordered_map<std::string, caller> guests_by_key_;
    std::size_t view_bytes_ = 0;
};

} // namespace lightbox
