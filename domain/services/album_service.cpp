#include "domain/services/album_service.hpp"

#include "domain/error.hpp"
#include "domain/ids.hpp"
#include "domain/services/access.hpp"
#include "domain/services/album_views.hpp"
#include "domain/services/change_recorder.hpp"

#include <algorithm>
#include <set>

namespace lightbox {

namespace {

album owned_album_or(unit_of_work& work, const caller& who, const std::string& id,
                     std::string_view permission) {
    auto found = work.albums().find_by_id(id);
    if (!found || who.is_guest() || found->owner_id != who.id()) {
        throw no_access(permission);
    }
    return *found;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

void check_new_member(unit_of_work& work, const album& a, const std::string& user_id,
                      const std::vector<std::string>& members) {
    if (user_id == a.owner_id) {
        throw bad_request("Cannot be shared with owner");
    }
    if (contains(members, user_id)) {
        throw bad_request("User already added");
    }
    const auto found = work.users().find_by_id(user_id);
    if (!found || found->is_deleted()) {
        throw bad_request("User not found");
    }
}

} // namespace

album_view album_service::create(const caller& who, const new_album& request) {
    auto work = db_.begin(access_mode::write);
    const auto at = now();
    album created{new_uuid(), who.id(), request.album_name, request.description,
                  std::nullopt, at, at};

    const auto asset_ids = without_repeats(request.asset_ids);
    const auto owned = work->assets().owned_ids(who.id(), asset_ids);
    if (owned.size() != asset_ids.size()) {
        throw no_access("asset.share");
    }
    if (!asset_ids.empty()) {
        created.album_thumbnail_asset_id = asset_ids.front();
    }
    work->albums().insert(created);

    std::vector<std::string> members;
    for (const auto& user_id : request.shared_with_user_ids) {
        check_new_member(*work, created, user_id, members);
        work->albums().add_shared_user(created.id, user_id);
        members.push_back(user_id);
    }
    work->albums().add_assets(created.id, asset_ids);

    auto view = make_album_view(*work, created, album_detail::full);
    change_recorder(*work, events_).album_changed(created, album_change::created, asset_ids);
    work->commit();
    return view;
}

std::vector<album_view> album_service::list(const caller& who, const album_query& query) {
    auto work = db_.begin(access_mode::read);
    std::vector<album> albums;
    if (query.asset_id) {
        access_rules rules(*work);
        for (auto& each : work->albums().list_containing(*query.asset_id)) {
            if (rules.can_read_album(who, each)) {
                albums.push_back(std::move(each));
            }
        }
    } else if (query.shared == true) {
        albums = work->albums().list_shared_with(who.id());
        for (auto& own : work->albums().list_owned(who.id())) {
            if (!work->albums().shared_user_ids(own.id).empty() ||
                work->albums().has_shared_link(own.id)) {
                albums.push_back(std::move(own));
            }
        }
        std::sort(albums.begin(), albums.end(),
                  [](const album& a, const album& b) { return a.created_at > b.created_at; });
    } else {
        albums = work->albums().list_owned(who.id());
        if (query.shared == false) {
            std::erase_if(albums, [&](const album& a) {
                return !work->albums().shared_user_ids(a.id).empty() ||
                       work->albums().has_shared_link(a.id);
            });
        }
    }

    std::vector<album_view> views;
    views.reserve(albums.size());
    for (const auto& each : albums) {
        views.push_back(make_album_view(*work, each, album_detail::summary));
    }
    return views;
}

album_view album_service::get(const caller& who, const std::string& id, bool with_assets) {
    auto work = db_.begin(access_mode::read);
    const auto found = work->albums().find_by_id(id);
    if (!found || !access_rules(*work).can_read_album(who, *found)) {
        throw no_access("album.read");
    }
    return make_album_view(*work, *found, with_assets ? album_detail::full : album_detail::summary);
}

album_view album_service::update(const caller& who, const std::string& id,
                                 const album_patch& patch) {
    auto work = db_.begin(access_mode::write);
    auto found = owned_album_or(*work, who, id, "album.update");
    if (patch.album_thumbnail_asset_id &&
        !work->albums().contains_asset(id, *patch.album_thumbnail_asset_id)) {
        throw bad_request("Invalid album thumbnail");
    }
    if (patch.album_name) {
        found.album_name = *patch.album_name;
    }
    if (patch.description) {
        found.description = *patch.description;
    }
    if (patch.album_thumbnail_asset_id) {
        found.album_thumbnail_asset_id = patch.album_thumbnail_asset_id;
    }
    found.updated_at = now();
    work->albums().update(found);
    auto view = make_album_view(*work, found, album_detail::summary);
    change_recorder(*work, events_).album_changed(found, album_change::updated);
    work->commit();
    return view;
}

void album_service::remove(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::write);
    const auto found = owned_album_or(*work, who, id, "album.delete");
    change_recorder recorder(*work, events_);
    const auto audience = recorder.album_audience(found);
    const auto links = work->shared_links().list_by_album(id);
    work->albums().remove(id);
    recorder.album_deleted(found, audience, links);
    work->commit();
}

std::vector<asset_id_result> album_service::add_assets(const caller& who, const std::string& id,
                                                       const std::vector<std::string>& asset_ids) {
    auto work = db_.begin(access_mode::write);
    auto found = work->albums().find_by_id(id);
    if (!found) {
        throw bad_request("Album not found");
    }
    if (!access_rules(*work).can_read_album(who, *found) ||
        (who.is_guest() && !who.link->allow_upload)) {
        throw no_access("album.read");
    }

    auto present = to_set(work->albums().asset_ids(id));
    // A guest may share nothing beyond its link (contract L3): its uploads join the album as
    // they arrive, so any other id, even one its link's owner owns, is not its to add.
    const auto owned =
        who.is_guest() ? id_set{} : to_set(work->assets().owned_ids(who.id(), asset_ids));
    std::vector<asset_id_result> results;
    std::vector<std::string> added;
    for (const auto& asset_id : asset_ids) {
        if (present.contains(asset_id)) {
            results.push_back({asset_id, false, "duplicate"});
        } else if (!owned.contains(asset_id)) {
            results.push_back({asset_id, false, "no_permission"});
        } else {
            results.push_back({asset_id, true, {}});
            present.insert(asset_id);
            added.push_back(asset_id);
        }
    }
    if (!added.empty()) {
        work->albums().add_assets(id, added);
        found->updated_at = now();
        if (!found->album_thumbnail_asset_id) {
            found->album_thumbnail_asset_id = added.front();
        }
        work->albums().update(*found);
        change_recorder(*work, events_).album_changed(*found, album_change::assets_added, added);
    }
    work->commit();
    return results;
}

std::vector<asset_id_result>
album_service::remove_assets(const caller& who, const std::string& id,
                             const std::vector<std::string>& asset_ids) {
    auto work = db_.begin(access_mode::write);
    auto found = work->albums().find_by_id(id);
    if (!found) {
        throw bad_request("Album not found");
    }
    if (who.is_guest() || !access_rules(*work).can_read_album(who, *found)) {
        throw no_access("album.read");
    }

    const auto in_album = work->albums().asset_ids(id);
    auto present = to_set(in_album);
    const auto owned = to_set(work->assets().owned_ids(who.id(), asset_ids));
    const bool is_owner = found->owner_id == who.id();
    std::vector<asset_id_result> results;
    std::vector<std::string> removed;
    for (const auto& asset_id : asset_ids) {
        if (!present.contains(asset_id)) {
            results.push_back({asset_id, false, "not_found"});
        } else if (!is_owner && !owned.contains(asset_id)) {
            results.push_back({asset_id, false, "no_permission"});
        } else {
            results.push_back({asset_id, true, {}});
            present.erase(asset_id);
            removed.push_back(asset_id);
        }
    }
    if (!removed.empty()) {
        work->albums().remove_assets(id, removed);
        found->updated_at = now();
        if (found->album_thumbnail_asset_id &&
            contains(removed, *found->album_thumbnail_asset_id)) {
            // The first asset left, in the album's order.
            const auto still_in = [&](const std::string& each) { return present.contains(each); };
            const auto left = std::find_if(in_album.begin(), in_album.end(), still_in);
            found->album_thumbnail_asset_id =
                left == in_album.end() ? std::nullopt : std::optional<std::string>(*left);
        }
        work->albums().update(*found);
        change_recorder(*work, events_)
            .album_changed(*found, album_change::assets_removed, removed);
    }
    work->commit();
    return results;
}

album_view album_service::add_users(const caller& who, const std::string& id,
                                    const std::vector<std::string>& user_ids) {
    auto work = db_.begin(access_mode::write);
    auto found = owned_album_or(*work, who, id, "album.share");
    auto members = work->albums().shared_user_ids(id);
    for (const auto& user_id : user_ids) {
        check_new_member(*work, found, user_id, members);
        work->albums().add_shared_user(id, user_id);
        members.push_back(user_id);
    }
    found.updated_at = now();
    work->albums().update(found);
    auto view = make_album_view(*work, found, album_detail::summary);
    change_recorder(*work, events_).album_changed(found, album_change::users_added, user_ids);
    work->commit();
    return view;
}

void album_service::remove_user(const caller& who, const std::string& id,
                                const std::string& user_id) {
    auto work = db_.begin(access_mode::write);
    auto found = work->albums().find_by_id(id);
    if (!found || who.is_guest() || !access_rules(*work).can_read_album(who, *found)) {
        throw no_access("album.read");
    }
    const auto target = user_id == "me" ? who.id() : user_id;
    if (target == found->owner_id) {
        throw bad_request("Cannot remove album owner");
    }
    if (!contains(work->albums().shared_user_ids(id), target)) {
        throw bad_request("Album not shared with user");
    }
    if (target != who.id() && found->owner_id != who.id()) {
        throw no_access("album.share");
    }
    work->albums().remove_shared_user(id, target);
    change_recorder(*work, events_)
        .album_changed(*found, album_change::users_removed, {target}, {target});
    work->commit();
}

} // namespace lightbox
