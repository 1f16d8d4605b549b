#pragma once

#include "domain/ports/asset_repository.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

class sql_asset_repository final : public asset_repository {
public:
    explicit sql_asset_repository(soci::session& session) : session_(session) {}

    void insert(const asset& a) override;
    /// Writes the five flags, both file dates, `updated_at`, `duration` and
    /// `live_photo_video_id`, and replaces the EXIF row (removing it when `a.exif` is empty).
    void update(const asset& a) override;
    void remove(const std::string& id) override;

    std::optional<asset> find_by_id(const std::string& id) override;
    std::vector<asset> find_by_ids(const std::vector<std::string>& ids) override;
    std::optional<asset> find_by_checksum(const std::string& owner_id,
                                          const std::string& checksum) override;
    std::optional<asset> find_by_device_asset(const std::string& owner_id,
                                              const std::string& device_id,
                                              const std::string& device_asset_id) override;
    std::vector<std::string> list_device_asset_ids(const std::string& owner_id,
                                                   const std::string& device_id) override;
    /// Updated-after and -before bounds are exclusive; ties in `file_created_at` go newest id
    /// first.
    std::vector<asset> list_by_owner(const std::string& owner_id,
                                     const asset_filter& filter) override;
    std::vector<std::string> owned_ids(const std::string& owner_id,
                                       const std::vector<std::string>& ids) override;

private:
    void insert_exif(const std::string& asset_id, const exif_info& exif);

    soci::session& session_;
};

} // namespace lightbox::sql
