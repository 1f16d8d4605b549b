#pragma once

#include "domain/entities/album.hpp"
#include "domain/entities/asset.hpp"
#include "domain/entities/shared_link.hpp"
#include "domain/entities/user.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// An album with what its responses show around it.
struct album_view {
    album entity;
    user owner;
    std::vector<user> shared_users;
    /// Empty when the response leaves assets out.
    std::vector<asset> assets;
    long asset_count = 0;
    std::optional<timestamp> start_date;
    std::optional<timestamp> end_date;
    bool has_shared_link = false;
    std::optional<timestamp> last_modified_asset_timestamp;

    bool shared() const { return !shared_users.empty() || has_shared_link; }
};

/// A shared link with its assets: its own, then (for an album link) the album's, each once.
struct shared_link_view {
    shared_link link;
    std::vector<asset> assets;
    std::optional<album_view> album;
};

/// One entry of a per-asset answer (`PUT /shared-link/:id/assets` and friends).
struct asset_id_result {
    std::string asset_id;
    bool success = false;
    /// `duplicate`, `no_permission` or `not_found` when `success` is false.
    std::string error;
};

} // namespace lightbox
