#include "server/json/dto.hpp"

#include "domain/crypto/crypto.hpp"

namespace lightbox {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

template <class T>
value or_null(const std::optional<T>& field) {
    if (!field) {
        return nullptr;
    }
    return value(*field);
}

value date_or_null(const std::optional<timestamp>& field) {
    if (!field) {
        return nullptr;
    }
    return value(format_iso(*field));
}

std::string duration_text(const asset& a) { return a.duration.value_or("0:00:00.00000"); }

} // namespace

audience guest_audience(const shared_link& link) { return {true, link.show_exif, true}; }

object user_json(const user& u, const audience& to) {
    object out;
    out["id"] = u.id;
    out["email"] = to.guest ? std::string{} : u.email;
    out["firstName"] = u.first_name;
    out["lastName"] = u.last_name;
    out["storageLabel"] = to.guest ? value(nullptr) : or_null(u.storage_label);
    out["externalPath"] = to.guest ? value(nullptr) : or_null(u.external_path);
    out["profileImagePath"] = u.profile_image_path;
    out["shouldChangePassword"] = u.should_change_password;
    out["isAdmin"] = u.is_admin;
    out["createdAt"] = format_iso(u.created_at);
    out["deletedAt"] = date_or_null(u.deleted_at);
    out["updatedAt"] = format_iso(u.updated_at);
    out["oauthId"] = to.guest ? std::string{} : u.oauth_id;
    out["memoriesEnabled"] = u.memories_enabled;
    return out;
}

object exif_json(const exif_info& exif) {
    object out;
    out["make"] = or_null(exif.make);
    out["model"] = or_null(exif.model);
    out["exifImageWidth"] = or_null(exif.exif_image_width);
    out["exifImageHeight"] = or_null(exif.exif_image_height);
    out["fileSizeInByte"] = or_null(exif.file_size_in_byte);
    out["orientation"] = or_null(exif.orientation);
    out["dateTimeOriginal"] = date_or_null(exif.date_time_original);
    out["modifyDate"] = date_or_null(exif.modify_date);
    out["timeZone"] = or_null(exif.time_zone);
    out["lensModel"] = or_null(exif.lens_model);
    out["fNumber"] = or_null(exif.f_number);
    out["focalLength"] = or_null(exif.focal_length);
    out["iso"] = or_null(exif.iso);
    out["exposureTime"] = or_null(exif.exposure_time);
    out["latitude"] = or_null(exif.latitude);
    out["longitude"] = or_null(exif.longitude);
    out["city"] = or_null(exif.city);
    out["state"] = or_null(exif.state);
    out["country"] = or_null(exif.country);
    out["description"] = or_null(exif.description);
    out["projectionType"] = or_null(exif.projection_type);
    return out;
}

object asset_json(const asset& a, const audience& to) {
    object out;
    out["id"] = a.id;
    out["type"] = std::string(to_string(a.type));
    out["thumbhash"] = nullptr;
    out["resized"] = false;
    out["duration"] = duration_text(a);
    out["livePhotoVideoId"] = or_null(a.live_photo_video_id);
    if (!to.show_metadata) {
        return out;
    }

    out["deviceAssetId"] = a.device_asset_id;
    out["ownerId"] = a.owner_id;
    out["deviceId"] = a.device_id;
    out["libraryId"] = a.library_id;
    out["originalPath"] = a.original_path;
    out["originalFileName"] = a.original_file_name;
    out["fileCreatedAt"] = format_iso(a.file_created_at);
    out["fileModifiedAt"] = format_iso(a.file_modified_at);
    out["updatedAt"] = format_iso(a.updated_at);
    out["isFavorite"] = a.is_favorite;
    out["isArchived"] = a.is_archived;
    out["isExternal"] = a.is_external;
    out["isOffline"] = a.is_offline;
    out["isReadOnly"] = a.is_read_only;
    out["checksum"] = a.checksum;
    if (to.with_exif && a.exif) {
        out["exifInfo"] = exif_json(*a.exif);
    }
    if (!to.guest) {
        out["tags"] = array{};
        out["people"] = array{};
    }
    return out;
}

array assets_json(const std::vector<asset>& assets, const audience& to) {
    array out;
    out.reserve(assets.size());
    for (const auto& each : assets) {
        out.push_back(asset_json(each, to));
    }
    return out;
}

object album_json(const album_view& view, const audience& to) {
    object out;
    out["id"] = view.entity.id;
    out["ownerId"] = view.entity.owner_id;
    out["owner"] = user_json(view.owner, to);
    out["albumName"] = view.entity.album_name;
    out["description"] = view.entity.description;
    out["albumThumbnailAssetId"] = or_null(view.entity.album_thumbnail_asset_id);
    out["createdAt"] = format_iso(view.entity.created_at);
    out["updatedAt"] = format_iso(view.entity.updated_at);
    array users;
    for (const auto& shared_user : view.shared_users) {
        users.push_back(user_json(shared_user, to));
    }
    out["sharedUsers"] = std::move(users);
    out["assets"] = assets_json(view.assets, to);
    out["assetCount"] = view.asset_count;
    // The album's dates are its photos' capture times: metadata a hidden-metadata link keeps.
    if (view.start_date && to.show_metadata) {
        out["startDate"] = format_iso(*view.start_date);
    }
    if (view.end_date && to.show_metadata) {
        out["endDate"] = format_iso(*view.end_date);
    }
    if (view.last_modified_asset_timestamp && to.show_metadata) {
        out["lastModifiedAssetTimestamp"] = format_iso(*view.last_modified_asset_timestamp);
    }
    out["shared"] = view.shared();
    out["hasSharedLink"] = view.has_shared_link;
    return out;
}

object shared_link_json(const shared_link_view& view, const audience& to) {
    const auto& link = view.link;
    object out;
    out["id"] = link.id;
    out["description"] = or_null(link.description);
    out["userId"] = link.user_id;
    out["key"] = crypto::base64url_encode(link.key);
    out["type"] = std::string(to_string(link.type));
    out["createdAt"] = format_iso(link.created_at);
    out["expiresAt"] = date_or_null(link.expires_at);
    out["assets"] = assets_json(view.assets, to);
    if (view.album) {
        out["album"] = album_json(*view.album, to);
    }
    out["allowUpload"] = link.allow_upload;
    out["allowDownload"] = link.allow_download;
    out["showExif"] = link.show_exif;
    return out;
}

object api_key_json(const api_key& key) {
    return object{{"id", key.id},
                  {"name", key.name},
                  {"createdAt", format_iso(key.created_at)},
                  {"updatedAt", format_iso(key.updated_at)}};
}

array asset_id_results_json(const std::vector<asset_id_result>& results, const char* id_field) {
    array out;
    out.reserve(results.size());
    for (const auto& result : results) {
        object entry{{id_field, result.asset_id}, {"success", result.success}};
        if (!result.success) {
            entry["error"] = result.error;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

} // namespace lightbox
