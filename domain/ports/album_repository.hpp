#pragma once

#include "domain/entities/album.hpp"
#include "domain/entities/asset.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// What an album's responses say about its assets, without the assets themselves.
struct album_asset_figures {
    long count = 0;
    /// The oldest and the newest `file_created_at`; empty for an empty album.
    std::optional<timestamp> start_date;
    std::optional<timestamp> end_date;
    /// `file_modified_at` of the asset with the latest `updated_at`; on a tie, of the first
    /// of them in `assets()` order.
    std::optional<timestamp> last_modified_asset_timestamp;
};

class album_repository {
public:
    virtual ~album_repository() = default;

    virtual void insert(const album& a) = 0;
    /// Writes name, description, thumbnail and `updated_at`.
    virtual void update(const album& a) = 0;
    /// Deletes the album, its asset and user memberships, and its shared links.
    virtual void remove(const std::string& id) = 0;

    virtual std::optional<album> find_by_id(const std::string& id) = 0;
    /// Newest first.
    virtual std::vector<album> list_owned(const std::string& owner_id) = 0;
    /// Albums other users shared with `user_id`, newest first.
    virtual std::vector<album> list_shared_with(const std::string& user_id) = 0;
    /// Albums that hold the asset, newest first.
    virtual std::vector<album> list_containing(const std::string& asset_id) = 0;

    /// The album's assets with EXIF, oldest `file_created_at` first.
    virtual std::vector<asset> assets(const std::string& album_id) = 0;
    virtual std::vector<std::string> asset_ids(const std::string& album_id) = 0;
    /// Reads the figures in one query, for views that do not list the assets.
    virtual album_asset_figures asset_figures(const std::string& album_id) = 0;
    virtual bool contains_asset(const std::string& album_id, const std::string& asset_id) = 0;
    /// Ignores ids already in the album.
    virtual void add_assets(const std::string& album_id, const std::vector<std::string>& ids) = 0;
    virtual void remove_assets(const std::string& album_id,
                               const std::vector<std::string>& ids) = 0;

    virtual std::vector<std::string> shared_user_ids(const std::string& album_id) = 0;
    virtual void add_shared_user(const std::string& album_id, const std::string& user_id) = 0;
    virtual void remove_shared_user(const std::string& album_id, const std::string& user_id) = 0;
    virtual bool has_shared_link(const std::string& album_id) = 0;
};

} // namespace lightbox
