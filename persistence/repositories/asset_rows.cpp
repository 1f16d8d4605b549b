#include "persistence/repositories/asset_rows.hpp"

#include "persistence/sql/conversions.hpp"
#include "persistence/sql/dynamic_query.hpp"

#include <optional>

namespace lightbox::sql {

namespace {

constexpr std::string_view asset_columns =
    "a.id, a.device_asset_id, a.owner_id, a.device_id, a.library_id, a.type, "
    "a.original_path, a.original_file_name, a.file_created_at, a.file_modified_at, "
    "a.updated_at, a.is_favorite, a.is_archived, a.is_external, a.is_offline, "
    "a.is_read_only, a.duration, a.live_photo_video_id, a.checksum, e.asset_id, e.make, "
    "e.model, e.lens_model, e.f_number, e.focal_length, e.iso, e.exposure_time, "
    "e.exif_image_width, e.exif_image_height, e.orientation, e.file_size_in_byte, "
    "e.date_time_original, e.modify_date, e.time_zone, e.latitude, e.longitude, e.city, "
    "e.state, e.country, e.description, e.projection_type";

/// One row: the asset, and its EXIF when `exif_asset_id` is not NULL.
struct asset_row {
    asset value;
    std::optional<std::string> exif_asset_id;
    exif_info exif;

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(value.id));
        statement.exchange(soci::into(value.device_asset_id));
        statement.exchange(soci::into(value.owner_id));
        statement.exchange(soci::into(value.device_id));
        statement.exchange(soci::into(value.library_id));
        statement.exchange(soci::into(value.type));
        statement.exchange(soci::into(value.original_path));
        statement.exchange(soci::into(value.original_file_name));
        statement.exchange(soci::into(value.file_created_at));
        statement.exchange(soci::into(value.file_modified_at));
        statement.exchange(soci::into(value.updated_at));
        statement.exchange(soci::into(value.is_favorite));
        statement.exchange(soci::into(value.is_archived));
        statement.exchange(soci::into(value.is_external));
        statement.exchange(soci::into(value.is_offline));
        statement.exchange(soci::into(value.is_read_only));
        statement.exchange(soci::into(value.duration));
        statement.exchange(soci::into(value.live_photo_video_id));
        statement.exchange(soci::into(value.checksum));
        statement.exchange(soci::into(exif_asset_id));
        statement.exchange(soci::into(exif.make));
        statement.exchange(soci::into(exif.model));
        statement.exchange(soci::into(exif.lens_model));
        statement.exchange(soci::into(exif.f_number));
        statement.exchange(soci::into(exif.focal_length));
        statement.exchange(soci::into(exif.iso));
        statement.exchange(soci::into(exif.exposure_time));
        statement.exchange(soci::into(exif.exif_image_width));
        statement.exchange(soci::into(exif.exif_image_height));
        statement.exchange(soci::into(exif.orientation));
        statement.exchange(soci::into(exif.file_size_in_byte));
        statement.exchange(soci::into(exif.date_time_original));
        statement.exchange(soci::into(exif.modify_date));
        statement.exchange(soci::into(exif.time_zone));
        statement.exchange(soci::into(exif.latitude));
        statement.exchange(soci::into(exif.longitude));
        statement.exchange(soci::into(exif.city));
        statement.exchange(soci::into(exif.state));
        statement.exchange(soci::into(exif.country));
        statement.exchange(soci::into(exif.description));
        statement.exchange(soci::into(exif.projection_type));
    }

    asset read() const {
        auto out = value;
        if (exif_asset_id) {
            out.exif = exif;
        }
        return out;
    }
};

} // namespace

std::vector<asset> select_assets(soci::session& session, const std::string& rest,
                                 const bound_values& values) {
    const auto query = "SELECT " + std::string(asset_columns) +
                       " FROM asset a LEFT JOIN asset_exif e ON e.asset_id = a.id " + rest;
    std::vector<asset> found;
    asset_row row;
    for_each_row(
        session, query, values, [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.read()); });
    return found;
}

} // namespace lightbox::sql
