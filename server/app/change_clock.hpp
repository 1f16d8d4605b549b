#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

namespace lightbox {

/// When each link, user or album last changed, on one counter, so that a cache can tell
/// whether what a load read may have changed while it ran. Links, users and albums are
/// named by their ids: UUIDs, never the same for two things. Not thread-safe: its owner
/// locks around it.
class change_clock {
public:
    /// The time now; take it before a load and hand it to `unchanged_since` after.
    std::uint64_t time() const { return time_; }

    /// Advances the clock and notes that each of `ids` changed at the new time.
    void changed(const std::vector<std::string>& ids);

    /// True when none of `ids` changed after `since`. Null entries stand for nothing.
    bool unchanged_since(std::uint64_t since,
                         std::initializer_list<const std::string*> ids) const;

private:
    std::uint64_t time_ = 0;
    /// Loads that began before this are never kept: the changes before it are forgotten.
    std::uint64_t forgotten_before_ = 0;
    std::unordered_map<std::string, std::uint64_t> changed_at_;
};

} // namespace lightbox
