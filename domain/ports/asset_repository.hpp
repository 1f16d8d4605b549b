#pragma once

#include "domain/entities/asset.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

struct asset_filter {
    std::optional<bool> is_favorite;
    std::optional<bool> is_archived;
    std::optional<timestamp> updated_after;
    std::optional<timestamp> updated_before;
    std::optional<long> skip;
    std::optional<long> take;
};

/// Assets with their EXIF row: every `find`/`list` returns `asset::exif` filled when a row
/// exists.
class asset_repository {
public:
    virtual ~asset_repository() = default;

    /// Inserts the asset and, when present, its EXIF row.
    virtual void insert(const asset& a) = 0;
    /// Writes the mutable fields (flags, dates, `updated_at`) and replaces the EXIF row.
    virtual void update(const asset& a) = 0;
    /// Deletes the asset with its EXIF and its album and link memberships. An album whose
    /// thumbnail it was takes its oldest remaining asset, or none when it has no other.
    virtual void remove(const std::string& id) = 0;

    virtual std::optional<asset> find_by_id(const std::string& id) = 0;
    /// The known ones among `ids`, in no particular order.
    virtual std::vector<asset> find_by_ids(const std::vector<std::string>& ids) = 0;
    virtual std::optional<asset> find_by_checksum(const std::string& owner_id,
                                                  const std::string& checksum) = 0;
    virtual std::optional<asset> find_by_device_asset(const std::string& owner_id,
                                                      const std::string& device_id,
                                                      const std::string& device_asset_id) = 0;
    virtual std::vector<std::string> list_device_asset_ids(const std::string& owner_id,
                                                           const std::string& device_id) = 0;
    /// The owner's assets, newest `file_created_at` first.
    virtual std::vector<asset> list_by_owner(const std::string& owner_id,
                                             const asset_filter& filter) = 0;
    /// The ids among `ids` that `owner_id` owns.
    virtual std::vector<std::string> owned_ids(const std::string& owner_id,
                                               const std::vector<std::string>& ids) = 0;
};

} // namespace lightbox
