#pragma once

#include <string>
#include <vector>

namespace lightbox {

/// Told, once a change's commit is durable and before the change is acknowledged to anyone,
/// which shared links it touched. Caches of what guests see hang
/// off this.
class change_listener {
public:
    virtual ~change_listener() = default;

    /// The links whose settings, album or assets changed, or that were deleted.
    virtual void links_changed(const std::vector<std::string>& link_ids) = 0;
    /// A user was deleted: their links no longer open.
    virtual void user_deleted(const std::string& user_id) = 0;
};

} // namespace lightbox
