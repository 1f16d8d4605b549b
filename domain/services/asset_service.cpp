#include "domain/services/asset_service.hpp"

#include "domain/crypto/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ids.hpp"
#include "domain/media_types.hpp"
#include "domain/services/access.hpp"
#include "domain/services/change_recorder.hpp"

#include <algorithm>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

namespace lightbox {

namespace {

/// The client's file name without any folders it names, and without its extension.
std::string stem_of(const std::string& file_name) {
    const auto slash = file_name.find_last_of("/\\");
    const auto base = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
    const auto dot = base.rfind('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

std::string extension_of(const std::string& file_name) {
    const auto dot = file_name.rfind('.');
    return dot == std::string::npos ? std::string{} : file_name.substr(dot);
}

/// Puts an upload that came through a link where its guest will see it.
void place_in_link(unit_of_work& work, event_journal& events, const shared_link& link,
                   const std::string& asset_id) {
    change_recorder recorder(work, events);
    if (link.album_id) {
        auto album = work.albums().find_by_id(*link.album_id);
        if (!album || work.albums().contains_asset(album->id, asset_id)) {
            return;
        }
        work.albums().add_assets(album->id, {asset_id});
        album->updated_at = now();
        if (!album->album_thumbnail_asset_id) {
            album->album_thumbnail_asset_id = asset_id;
        }
        work.albums().update(*album);
        recorder.album_changed(*album, album_change::assets_added, {asset_id});
        return;
    }
    const auto present = work.shared_links().asset_ids(link.id);
    if (std::find(present.begin(), present.end(), asset_id) == present.end()) {
        work.shared_links().add_asset(link.id, asset_id);
        recorder.link_changed(link, link_change::assets_added, {asset_id});
    }
}

/// Either form of a SHA-1 as the base64 the database keeps; empty when it is neither.
std::string normalise_checksum(const std::string& text) {
    if (text.size() == 40) {
        if (const auto raw = crypto::hex_decode(text)) {
            return crypto::base64_encode(*raw);
        }
    }
    if (text.size() == 28) {
        if (const auto raw = crypto::base64_decode(text); raw && raw->size() == 20) {
            return text;
        }
    }
    return {};
}

} // namespace

upload_result asset_service::upload(const caller& who, const upload_request& request) {
    std::error_code ignored;
    const auto type = asset_type_for_file(request.file_name);
    if (!type) {
        std::filesystem::remove(request.staged_file, ignored);
        throw bad_request("Unsupported file type " + request.file_name);
    }
    if (who.is_guest() && !who.link->allow_upload) {
        std::filesystem::remove(request.staged_file, ignored);
        throw unauthorized("Unauthorized");
    }

    // EXIF is read before the transaction so that a slow file never holds the write lock.
    auto exif = exif_.read(request.staged_file);

    asset created;
    created.id = new_uuid();
    created.device_asset_id = request.device_asset_id;
    created.owner_id = who.id();
    created.device_id = request.device_id;
    created.library_id = who.actor.library_id;
    created.type = *type;
    created.original_file_name = stem_of(request.file_name);
    created.file_created_at = exif.date_time_original.value_or(request.file_created_at);
    created.file_modified_at = request.file_modified_at;
    created.updated_at = now();
    created.is_favorite = request.is_favorite;
    created.is_archived = request.is_archived;
    created.is_read_only = request.is_read_only;
    created.duration = request.duration;
    created.checksum = request.checksum;
    created.exif = std::move(exif);

    const auto folder = originals_dir_ / who.id();
    const auto destination = folder / (created.id + extension_of(request.file_name));
    created.original_path = destination.string();

    auto work = db_.begin(access_mode::write);
    if (auto existing = work->assets().find_by_checksum(who.id(), request.checksum)) {
        if (who.is_guest()) {
            place_in_link(*work, events_, *who.link, existing->id);
            work->commit();
        }
        std::filesystem::remove(request.staged_file, ignored);
        return {existing->id, true};
    }

    std::filesystem::create_directories(folder);
    std::filesystem::rename(request.staged_file, destination);
    try {
        work->assets().insert(created);
        events_.record(*work, asset_uploaded{created});
        if (who.is_guest()) {
            place_in_link(*work, events_, *who.link, created.id);
        }
        work->commit();
    } catch (...) {
        std::filesystem::remove(destination, ignored);
        throw;
    }
    return {created.id, false};
}

std::vector<upload_check_result>
asset_service::bulk_upload_check(const caller& who, const std::vector<upload_check_item>& items) {
    std::vector<upload_check_result> results;
    auto work = db_.begin(access_mode::read);
    for (const auto& item : items) {
        upload_check_result result{item.id, {}};
        const auto checksum = normalise_checksum(item.checksum);
        if (!checksum.empty()) {
            if (const auto existing = work->assets().find_by_checksum(who.id(), checksum)) {
                result.existing_asset_id = existing->id;
            }
        }
        results.push_back(std::move(result));
    }
    return results;
}

std::optional<asset> asset_service::find_by_device_asset(const caller& who,
                                                         const std::string& device_id,
                                                         const std::string& device_asset_id) {
    auto work = db_.begin(access_mode::read);
    return work->assets().find_by_device_asset(who.id(), device_id, device_asset_id);
}

std::vector<std::string> asset_service::device_asset_ids(const caller& who,
                                                         const std::string& device_id) {
    auto work = db_.begin(access_mode::read);
    return work->assets().list_device_asset_ids(who.id(), device_id);
}

std::vector<asset> asset_service::list(const caller& who, const asset_filter& filter) {
    auto work = db_.begin(access_mode::read);
    return work->assets().list_by_owner(who.id(), filter);
}

asset asset_service::get(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::read);
    auto found = work->assets().find_by_id(id);
    if (!found || !access_rules(*work).can_read_asset(who, *found)) {
        throw no_access("asset.read");
    }
    return *found;
}

asset asset_service::get_for_download(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::read);
    auto found = work->assets().find_by_id(id);
    if (!found || !access_rules(*work).can_download_asset(who, *found)) {
        throw no_access("asset.download");
    }
    return *found;
}

asset asset_service::update(const caller& who, const std::string& id, const asset_patch& patch) {
    auto work = db_.begin(access_mode::write);
    auto found = work->assets().find_by_id(id);
    if (!found || found->owner_id != who.id()) {
        throw no_access("asset.update");
    }
    if (patch.is_favorite) {
        found->is_favorite = *patch.is_favorite;
    }
    if (patch.is_archived) {
        found->is_archived = *patch.is_archived;
    }
    if (patch.description) {
        if (!found->exif) {
            found->exif = exif_info{};
        }
        found->exif->description = *patch.description;
    }
    found->updated_at = now();
    work->assets().update(*found);
    std::vector<std::string> link_ids;
    for (const auto& link : work->shared_links().list_showing_asset(id)) {
        link_ids.push_back(link.id);
    }
    events_.record(*work, assets_updated{found->owner_id, {id}, std::move(link_ids)});
    work->commit();
    return *found;
}

std::vector<asset_delete_result> asset_service::remove(const caller& who,
                                                       const std::vector<std::string>& ids) {
    std::vector<asset_delete_result> results;
    std::vector<std::string> files;
    auto work = db_.begin(access_mode::write);
    const auto found = work->assets().find_by_ids(ids);
    // By id, so that a request naming many ids stays linear while it holds the writer.
    std::unordered_map<std::string_view, const asset*> owned;
    for (const auto& each : found) {
        if (each.owner_id == who.id()) {
            owned.emplace(each.id, &each);
        }
    }
    std::unordered_set<std::string_view> deleted;
    for (const auto& id : ids) {
        const auto match = owned.find(id);
        if (match == owned.end() || !deleted.insert(id).second) {
            results.push_back({id, false});
            continue;
        }
        std::vector<std::string> link_ids;
        for (const auto& link : work->shared_links().list_showing_asset(id)) {
            link_ids.push_back(link.id);
        }
        const auto albums = work->albums().list_containing(id);
        work->assets().remove(id);
        events_.record(*work, asset_deleted{who.id(), id, std::move(link_ids)});
        for (const auto& album : albums) {
            change_recorder(*work, events_).album_changed(album, album_change::assets_removed,
                                                          {id});
        }
        files.push_back(match->second->original_path);
        results.push_back({id, true});
    }
    // Only once the deletion is durable: a failed commit must leave the asset whole.
    work->after_commit([files = std::move(files)] {
        std::error_code ignored;
        for (const auto& file : files) {
            std::filesystem::remove(file, ignored);
        }
    });
    work->commit();
    return results;
}

} // namespace lightbox
