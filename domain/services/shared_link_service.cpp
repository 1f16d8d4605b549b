#include "domain/services/shared_link_service.hpp"

#include "domain/crypto/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ids.hpp"
#include "domain/services/album_views.hpp"
#include "domain/services/change_recorder.hpp"

#include <algorithm>
#include <unordered_set>

namespace lightbox {

namespace {

constexpr std::size_t key_bytes = 50;

/// The link's own assets, then its album's, each once, oldest first within each group. The
/// album's figures come from the assets read here rather than from another query.
shared_link_view make_link_view(unit_of_work& work, const shared_link& link) {
    shared_link_view view{link, work.shared_links().assets(link.id), std::nullopt};
    if (!link.album_id) {
        return view;
    }
    const auto found = work.albums().find_by_id(*link.album_id);
    if (!found) {
        return view;
    }
    auto album_assets = work.albums().assets(found->id);
    view.album =
        make_album_view(work, *found, album_detail::in_shared_link, figures_of(album_assets));

    std::unordered_set<std::string> seen;
    for (const auto& each : view.assets) {
        seen.insert(each.id);
    }
    for (auto& each : album_assets) {
        if (seen.insert(each.id).second) {
            view.assets.push_back(std::move(each));
        }
    }
    return view;
}

shared_link owned_link_or(unit_of_work& work, const caller& who, const std::string& id) {
    auto found = work.shared_links().find_by_id(id);
    if (!found || found->user_id != who.id()) {
        throw bad_request("Shared link not found");
    }
    return *found;
}

shared_link individual_link_or(unit_of_work& work, const caller& who, const std::string& id) {
    auto found = owned_link_or(work, who, id);
    if (found.type != shared_link_type::individual) {
        throw bad_request("Invalid shared link type");
    }
    return found;
}

} // namespace

shared_link_view shared_link_service::create(const caller& who, const new_shared_link& request) {
    auto work = db_.begin(access_mode::write);
    shared_link link;
    link.id = new_uuid();
    link.user_id = who.id();
    link.key = crypto::random_bytes(key_bytes);
    link.type = request.type;
    link.description = request.description;
    link.created_at = now();
    link.expires_at = request.expires_at;
    link.allow_upload = request.allow_upload;
    link.allow_download = request.allow_download;
    link.show_exif = request.show_exif;

    std::vector<std::string> asset_ids;
    if (request.type == shared_link_type::album) {
        if (!request.album_id) {
            throw bad_request("Invalid albumId");
        }
        const auto found = work->albums().find_by_id(*request.album_id);
        if (!found || found->owner_id != who.id()) {
            throw no_access("album.share");
        }
        link.album_id = request.album_id;
    } else {
        asset_ids = without_repeats(request.asset_ids);
        if (asset_ids.empty()) {
            throw bad_request("Invalid assetIds");
        }
        if (work->assets().owned_ids(who.id(), asset_ids).size() != asset_ids.size()) {
            throw no_access("asset.share");
        }
    }

    work->shared_links().insert(link);
    for (const auto& id : asset_ids) {
        work->shared_links().add_asset(link.id, id);
    }
    auto view = make_link_view(*work, link);
    change_recorder(*work, events_).link_changed(view, link_change::created, asset_ids);
    work->commit();
    return view;
}

std::vector<shared_link_view> shared_link_service::list(const caller& who) {
    auto work = db_.begin(access_mode::read);
    std::vector<shared_link_view> views;
    for (const auto& link : work->shared_links().list_by_user(who.id())) {
        shared_link_view view{link, work->shared_links().assets(link.id), std::nullopt};
        if (link.album_id) {
            if (const auto found = work->albums().find_by_id(*link.album_id)) {
                view.album = make_album_view(*work, *found, album_detail::in_shared_link);
            }
        }
        views.push_back(std::move(view));
    }
    return views;
}

shared_link_view shared_link_service::get_mine(const caller& who) {
    if (!who.is_guest()) {
        throw domain_error(error_kind::forbidden, "Forbidden", true);
    }
    auto work = db_.begin(access_mode::read);
    const auto link = work->shared_links().find_by_id(who.link->id);
    if (!link || link->user_id != who.id()) {
        throw unauthorized("Invalid share key");
    }
    return make_link_view(*work, *link);
}

shared_link_view shared_link_service::get(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::read);
    return make_link_view(*work, owned_link_or(*work, who, id));
}

shared_link_view shared_link_service::update(const caller& who, const std::string& id,
                                             const shared_link_patch& patch) {
    auto work = db_.begin(access_mode::write);
    auto link = owned_link_or(*work, who, id);
    if (patch.description) {
        link.description = *patch.description;
    }
    if (patch.expires_at) {
        link.expires_at = *patch.expires_at;
    }
    if (patch.allow_upload) {
        link.allow_upload = *patch.allow_upload;
    }
    if (patch.allow_download) {
        link.allow_download = *patch.allow_download;
    }
    if (patch.show_exif) {
        link.show_exif = *patch.show_exif;
    }
    work->shared_links().update(link);
    auto view = make_link_view(*work, link);
    change_recorder(*work, events_).link_changed(view, link_change::updated);
    work->commit();
    return view;
}

void shared_link_service::remove(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::write);
    const auto link = owned_link_or(*work, who, id);
    work->shared_links().remove(id);
    change_recorder(*work, events_).link_deleted(link);
    work->commit();
}

std::vector<asset_id_result>
shared_link_service::add_assets(const caller& who, const std::string& id,
                                const std::vector<std::string>& asset_ids) {
    auto work = db_.begin(access_mode::write);
    const auto link = individual_link_or(*work, who, id);
    auto present = to_set(work->shared_links().asset_ids(id));
    const auto owned = to_set(work->assets().owned_ids(link.user_id, asset_ids));

    std::vector<asset_id_result> results;
    std::vector<std::string> added;
    for (const auto& asset_id : asset_ids) {
        if (present.contains(asset_id)) {
            results.push_back({asset_id, false, "duplicate"});
        } else if (!owned.contains(asset_id)) {
            results.push_back({asset_id, false, "no_permission"});
        } else {
            work->shared_links().add_asset(id, asset_id);
            present.insert(asset_id);
            added.push_back(asset_id);
            results.push_back({asset_id, true, {}});
        }
    }
    if (!added.empty()) {
        change_recorder(*work, events_).link_changed(link, link_change::assets_added, added);
    }
    work->commit();
    return results;
}

std::vector<asset_id_result>
shared_link_service::remove_assets(const caller& who, const std::string& id,
                                   const std::vector<std::string>& asset_ids) {
    auto work = db_.begin(access_mode::write);
    const auto link = individual_link_or(*work, who, id);
    std::vector<asset_id_result> results;
    std::vector<std::string> removed;
    for (const auto& asset_id : asset_ids) {
        if (work->shared_links().remove_asset(id, asset_id)) {
            removed.push_back(asset_id);
            results.push_back({asset_id, true, {}});
        } else {
            results.push_back({asset_id, false, "not_found"});
        }
    }
    if (!removed.empty()) {
        change_recorder(*work, events_).link_changed(link, link_change::assets_removed, {},
                                                     removed);
    }
    work->commit();
    return results;
}

} // namespace lightbox
