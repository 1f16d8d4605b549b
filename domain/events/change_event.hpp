#pragma once

#include "domain/entities/asset.hpp"
#include "domain/entities/shared_link.hpp"
#include "domain/services/views.hpp"

#include <string>
#include <variant>
#include <vector>

namespace lightbox {

/// An asset was uploaded (not a duplicate).
struct asset_uploaded {
    asset uploaded;
};

/// Assets' own fields changed (favourite, archive, description).
struct assets_updated {
    std::string owner_id;
    std::vector<std::string> asset_ids;
    /// Links that show one of them.
    std::vector<std::string> link_ids;
};

struct asset_deleted {
    std::string owner_id;
    std::string asset_id;
    std::vector<std::string> link_ids;
};

enum class album_change { created, updated, deleted, assets_added, assets_removed, users_added,
                          users_removed };

/// An album changed. `audience` holds every user who sees the change: the owner, the shared
/// users, and a user who was just removed.
struct album_changed {
    album_view album;
    album_change change = album_change::updated;
    /// The assets or users added or removed.
    std::vector<std::string> ids;
    std::vector<std::string> audience;
};

enum class link_change { created, updated, assets_added, assets_removed };

/// A shared link, or what it shows, changed.
struct shared_link_changed {
    shared_link_view view;
    link_change change = link_change::updated;
    std::vector<asset> added_assets;
    std::vector<std::string> removed_asset_ids;
};

struct shared_link_deleted {
    shared_link link;
};

using change_event = std::variant<asset_uploaded, assets_updated, asset_deleted, album_changed,
                                  shared_link_changed, shared_link_deleted>;

std::string_view to_string(album_change change);
std::string_view to_string(link_change change);

} // namespace lightbox
