#include "domain/services/change_recorder.hpp"

#include "domain/services/album_views.hpp"

#include <algorithm>

namespace lightbox {

std::vector<std::string> change_recorder::album_audience(const album& entity) {
    auto audience = work_.albums().shared_user_ids(entity.id);
    audience.insert(audience.begin(), entity.owner_id);
    return audience;
}

void change_recorder::album_changed(const album& entity, album_change change,
                                    const std::vector<std::string>& ids,
                                    const std::vector<std::string>& also_tell) {
    auto audience = album_audience(entity);
    for (const auto& user_id : also_tell) {
        if (std::find(audience.begin(), audience.end(), user_id) == audience.end()) {
            audience.push_back(user_id);
        }
    }
    journal_.record(work_, lightbox::album_changed{
                               make_album_view(work_, entity, album_detail::summary), change, ids,
                               std::move(audience)});

    // What a link shows is its album: the links hear of changes to its name and its assets.
    if (change == album_change::updated || change == album_change::assets_added ||
        change == album_change::assets_removed) {
        const auto as_link_change = change == album_change::updated ? link_change::updated
                                    : change == album_change::assets_added
                                        ? link_change::assets_added
                                        : link_change::assets_removed;
        const bool added = change == album_change::assets_added;
        for (const auto& link : work_.shared_links().list_by_album(entity.id)) {
            link_changed(link, as_link_change, added ? ids : std::vector<std::string>{},
                         change == album_change::assets_removed ? ids
                                                                : std::vector<std::string>{});
        }
    }
}

void change_recorder::album_deleted(const album& entity, const std::vector<std::string>& audience,
                                    const std::vector<shared_link>& links) {
    album_view gone;
    gone.entity = entity;
    journal_.record(work_, lightbox::album_changed{gone, album_change::deleted, {}, audience});
    for (const auto& link : links) {
        link_deleted(link);
    }
}

void change_recorder::link_changed(const shared_link& link, link_change change,
                                   const std::vector<std::string>& added_ids,
                                   const std::vector<std::string>& removed_ids) {
    shared_link_view view{link, {}, std::nullopt};
    if (link.album_id) {
        if (const auto found = work_.albums().find_by_id(*link.album_id)) {
            view.album = make_album_view(work_, *found, album_detail::in_shared_link);
        }
    }
    record_link_change(std::move(view), change, added_ids, removed_ids);
}

void change_recorder::link_changed(const shared_link_view& shown, link_change change,
                                   const std::vector<std::string>& added_ids,
                                   const std::vector<std::string>& removed_ids) {
    record_link_change({shown.link, {}, shown.album}, change, added_ids, removed_ids);
}

void change_recorder::record_link_change(shared_link_view view, link_change change,
                                         const std::vector<std::string>& added_ids,
                                         const std::vector<std::string>& removed_ids) {
    auto added = work_.assets().find_by_ids(added_ids);
    std::sort(added.begin(), added.end(), [&](const asset& a, const asset& b) {
        return std::find(added_ids.begin(), added_ids.end(), a.id) <
               std::find(added_ids.begin(), added_ids.end(), b.id);
    });
    journal_.record(work_, shared_link_changed{std::move(view), change, std::move(added),
                                               removed_ids});
}

void change_recorder::link_deleted(const shared_link& link) {
    journal_.record(work_, shared_link_deleted{link});
}

} // namespace lightbox
