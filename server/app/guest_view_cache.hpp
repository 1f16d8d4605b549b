#pragma once

#include "domain/events/change_listener.hpp"
#include "domain/services/caller.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace lightbox {

/// What guests of shared links ask for again and again, kept in memory: who a share key
/// opens, and the serialised `/shared-link/me` view of each link. A committed change of a
/// link, its album or its assets drops the link's entries before the change is
/// acknowledged, so a guest never sees a link as it was before a change that was confirmed.
/// Expiry is still checked on every request against the cached link.
class guest_view_cache final : public change_listener {
public:
    /// A snapshot of the cache's version: load from the database after taking it and
    /// store with it, so that a load that raced with a change is never kept.
    std::uint64_t generation() const;

    /// The caller a raw share key opens, when cached and not expired now.
    std::optional<caller> find_guest(const std::string& raw_key) const;
    void remember_guest(const std::string& raw_key, const caller& guest, std::uint64_t since);

    std::shared_ptr<const std::string> find_view(const std::string& link_id) const;
    void remember_view(const std::string& link_id, std::shared_ptr<const std::string> view,
                       std::uint64_t since);

    void links_changed(const std::vector<std::string>& link_ids) override;
    void user_deleted(const std::string& user_id) override;

private:
    void drop_link(const std::string& link_id);

    mutable std::shared_mutex mutex_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, caller> guests_by_key_;
    std::unordered_map<std::string, std::string> key_by_link_;
    std::unordered_map<std::string, std::shared_ptr<const std::string>> views_;
};

} // namespace lightbox
