#include "persistence/repositories/sql_asset_repository.hpp"

#include "persistence/repositories/asset_rows.hpp"
#include "persistence/sql/conversions.hpp"
#include "persistence/sql/dynamic_query.hpp"

#include <limits>

namespace lightbox::sql {

namespace {

std::optional<asset> first(std::vector<asset> found) {
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

} // namespace

void sql_asset_repository::insert(const asset& a) {
    session_ << "INSERT INTO asset (id, device_asset_id, owner_id, device_id, library_id, type, "
                "original_path, original_file_name, file_created_at, file_modified_at, "
                "updated_at, is_favorite, is_archived, is_external, is_offline, is_read_only, "
                "duration, live_photo_video_id, checksum) VALUES (:id, :device_asset_id, "
                ":owner_id, :device_id, :library_id, :type, :original_path, "
                ":original_file_name, :file_created_at, :file_modified_at, :updated_at, "
                ":is_favorite, :is_archived, :is_external, :is_offline, :is_read_only, "
                ":duration, :live_photo_video_id, :checksum)",
        soci::use(a.id, "id"), soci::use(a.device_asset_id, "device_asset_id"),
        soci::use(a.owner_id, "owner_id"), soci::use(a.device_id, "device_id"),
        soci::use(a.library_id, "library_id"), soci::use(a.type, "type"),
        soci::use(a.original_path, "original_path"),
        soci::use(a.original_file_name, "original_file_name"),
        soci::use(a.file_created_at, "file_created_at"),
        soci::use(a.file_modified_at, "file_modified_at"), soci::use(a.updated_at, "updated_at"),
        soci::use(a.is_favorite, "is_favorite"), soci::use(a.is_archived, "is_archived"),
        soci::use(a.is_external, "is_external"), soci::use(a.is_offline, "is_offline"),
        soci::use(a.is_read_only, "is_read_only"), soci::use(a.duration, "duration"),
        soci::use(a.live_photo_video_id, "live_photo_video_id"), soci::use(a.checksum, "checksum");

    if (a.exif) {
        insert_exif(a.id, *a.exif);
    }
}

void sql_asset_repository::insert_exif(const std::string& asset_id, const exif_info& e) {
    session_ << "INSERT INTO asset_exif (asset_id, make, model, lens_model, f_number, "
                "focal_length, iso, exposure_time, exif_image_width, exif_image_height, "
                "orientation, file_size_in_byte, date_time_original, modify_date, time_zone, "
                "latitude, longitude, city, state, country, description, projection_type) "
                "VALUES (:asset_id, :make, :model, :lens_model, :f_number, :focal_length, "
                ":iso, :exposure_time, :exif_image_width, :exif_image_height, :orientation, "
                ":file_size_in_byte, :date_time_original, :modify_date, :time_zone, "
                ":latitude, :longitude, :city, :state, :country, :description, "
                ":projection_type)",
        soci::use(asset_id, "asset_id"), soci::use(e.make, "make"), soci::use(e.model, "model"),
        soci::use(e.lens_model, "lens_model"), soci::use(e.f_number, "f_number"),
        soci::use(e.focal_length, "focal_length"), soci::use(e.iso, "iso"),
        soci::use(e.exposure_time, "exposure_time"),
        soci::use(e.exif_image_width, "exif_image_width"),
        soci::use(e.exif_image_height, "exif_image_height"),
        soci::use(e.orientation, "orientation"),
        soci::use(e.file_size_in_byte, "file_size_in_byte"),
        soci::use(e.date_time_original, "date_time_original"),
        soci::use(e.modify_date, "modify_date"), soci::use(e.time_zone, "time_zone"),
        soci::use(e.latitude, "latitude"), soci::use(e.longitude, "longitude"),
        soci::use(e.city, "city"), soci::use(e.state, "state"), soci::use(e.country, "country"),
        soci::use(e.description, "description"), soci::use(e.projection_type, "projection_type");
}

void sql_asset_repository::update(const asset& a) {
    session_ << "UPDATE asset SET is_favorite = :is_favorite, is_archived = :is_archived, "
                "is_external = :is_external, is_offline = :is_offline, "
                "is_read_only = :is_read_only, file_created_at = :file_created_at, "
                "file_modified_at = :file_modified_at, updated_at = :updated_at, "
                "duration = :duration, live_photo_video_id = :live_photo_video_id "
                "WHERE id = :id",
        soci::use(a.is_favorite, "is_favorite"), soci::use(a.is_archived, "is_archived"),
        soci::use(a.is_external, "is_external"), soci::use(a.is_offline, "is_offline"),
        soci::use(a.is_read_only, "is_read_only"), soci::use(a.file_created_at, "file_created_at"),
        soci::use(a.file_modified_at, "file_modified_at"), soci::use(a.updated_at, "updated_at"),
        soci::use(a.duration, "duration"), soci::use(a.live_photo_video_id, "live_photo_video_id"),
        soci::use(a.id, "id");

    session_ << "DELETE FROM asset_exif WHERE asset_id = :id", soci::use(a.id, "id");
    if (a.exif) {
        insert_exif(a.id, *a.exif);
    }
}

void sql_asset_repository::remove(const std::string& id) {
    // An album whose cover this was takes its oldest remaining asset, as removing the asset
    // from the album would; the foreign key alone would leave it without one.
    session_ << "UPDATE album SET album_thumbnail_asset_id = (SELECT aa.asset_id "
                "FROM album_asset aa JOIN asset a ON a.id = aa.asset_id "
                "WHERE aa.album_id = album.id AND aa.asset_id <> :removed "
                "ORDER BY a.file_created_at, a.id LIMIT 1) "
                "WHERE album_thumbnail_asset_id = :id",
        soci::use(id, "removed"), soci::use(id, "id");
    session_ << "DELETE FROM asset WHERE id = :id", soci::use(id, "id");
}

std::optional<asset> sql_asset_repository::find_by_id(const std::string& id) {
    bound_values values;
    return first(select_assets(session_, "WHERE a.id = " + values.add(id), values));
}

std::vector<asset> sql_asset_repository::find_by_ids(const std::vector<std::string>& ids) {
    std::vector<asset> found;
    for (const auto slice : list_slices(ids)) {
        bound_values values;
        auto part =
            select_assets(session_, "WHERE a.id IN (" + values.add_list(slice) + ")", values);
        found.insert(found.end(), part.begin(), part.end());
    }
    return found;
}

std::optional<asset> sql_asset_repository::find_by_checksum(const std::string& owner_id,
                                                            const std::string& checksum) {
    bound_values values;
    const auto where =
        "WHERE a.owner_id = " + values.add(owner_id) + " AND a.checksum = " + values.add(checksum);
    return first(select_assets(session_, where, values));
}

std::optional<asset> sql_asset_repository::find_by_device_asset(
    const std::string& owner_id, const std::string& device_id, const std::string& device_asset_id) {
    bound_values values;
    const auto where = "WHERE a.owner_id = " + values.add(owner_id) +
                       " AND a.device_id = " + values.add(device_id) +
                       " AND a.device_asset_id = " + values.add(device_asset_id) +
                       " ORDER BY a.file_created_at DESC, a.id DESC";
    return first(select_assets(session_, where, values));
}

std::vector<std::string> sql_asset_repository::list_device_asset_ids(const std::string& owner_id,
                                                                     const std::string& device_id) {
    std::vector<std::string> found;
    std::string device_asset_id;
    soci::statement statement =
        (session_.prepare << "SELECT device_asset_id FROM asset WHERE owner_id = :owner_id AND "
                             "device_id = :device_id ORDER BY device_asset_id",
         soci::into(device_asset_id), soci::use(owner_id, "owner_id"),
         soci::use(device_id, "device_id"));
    statement.execute(false);
    while (statement.fetch()) {
        found.push_back(device_asset_id);
    }
    return found;
}

std::vector<asset> sql_asset_repository::list_by_owner(const std::string& owner_id,
                                                       const asset_filter& filter) {
    bound_values values;
    auto rest = "WHERE a.owner_id = " + values.add(owner_id);
    if (filter.is_favorite) {
        rest += " AND a.is_favorite = " + values.add(*filter.is_favorite ? 1LL : 0LL);
    }
    if (filter.is_archived) {
        rest += " AND a.is_archived = " + values.add(*filter.is_archived ? 1LL : 0LL);
    }
    if (filter.updated_after) {
        rest += " AND a.updated_at > " + values.add(format_iso(*filter.updated_after));
    }
    if (filter.updated_before) {
        rest += " AND a.updated_at < " + values.add(format_iso(*filter.updated_before));
    }
    rest += " ORDER BY a.file_created_at DESC, a.id DESC";

    // SQLite has no OFFSET without LIMIT, so "no limit" is the largest one.
    if (filter.take || filter.skip) {
        const long long take = filter.take.value_or(std::numeric_limits<long long>::max());
        rest += " LIMIT " + values.add(take) + " OFFSET " +
                values.add(static_cast<long long>(filter.skip.value_or(0)));
    }
    return select_assets(session_, rest, values);
}

std::vector<std::string> sql_asset_repository::owned_ids(const std::string& owner_id,
                                                         const std::vector<std::string>& ids) {
    std::vector<std::string> owned;
    for (const auto slice : list_slices(ids)) {
        bound_values values;
        const auto query = "SELECT id FROM asset WHERE owner_id = " + values.add(owner_id) +
                           " AND id IN (" + values.add_list(slice) + ")";
        std::string id;
        for_each_row(
            session_, query, values,
            [&](soci::statement& statement) { statement.exchange(soci::into(id)); },
            [&] { owned.push_back(id); });
    }
    return owned;
}

} // namespace lightbox::sql
