#pragma once

#include "domain/entities/asset.hpp"
#include "domain/entities/shared_link.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

class shared_link_repository {
public:
    virtual ~shared_link_repository() = default;

    virtual void insert(const shared_link& link) = 0;
    /// Writes description, expiry and the three flags.
    virtual void update(const shared_link& link) = 0;
    virtual void remove(const std::string& id) = 0;

    virtual std::optional<shared_link> find_by_id(const std::string& id) = 0;
    /// `key` is the raw key bytes.
    virtual std::optional<shared_link> find_by_key(const std::string& key) = 0;
    /// Newest first.
    virtual std::vector<shared_link> list_by_user(const std::string& user_id) = 0;
    /// The links that share this album, newest first.
    virtual std::vector<shared_link> list_by_album(const std::string& album_id) = 0;
    /// The links that show this asset, as one of their own or through their album.
    virtual std::vector<shared_link> list_showing_asset(const std::string& asset_id) = 0;

    /// The link's own assets with EXIF, oldest `file_created_at` first.
    virtual std::vector<asset> assets(const std::string& link_id) = 0;
    virtual std::vector<std::string> asset_ids(const std::string& link_id) = 0;
    /// Ignores an id already in the link.
    virtual void add_asset(const std::string& link_id, const std::string& asset_id) = 0;
    /// Whether the asset was in the link.
    virtual bool remove_asset(const std::string& link_id, const std::string& asset_id) = 0;
};

} // namespace lightbox
