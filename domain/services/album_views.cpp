#include "domain/services/album_views.hpp"

#include <algorithm>
#include <stdexcept>

namespace lightbox {

user album_owner(unit_of_work& work, const album& entity) {
    auto owner = work.users().find_by_id(entity.owner_id);
    if (!owner) {
        throw std::runtime_error("album " + entity.id + " has no owner");
    }
    return *owner;
}

album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail) {
    album_view view;
    view.entity = entity;
    view.owner = album_owner(work, entity);

    auto assets = work.albums().assets(entity.id);
    view.asset_count = static_cast<long>(assets.size());
    if (!assets.empty()) {
        view.start_date = assets.front().file_created_at;
        view.end_date = assets.back().file_created_at;
        if (detail == album_detail::summary) {
            const auto newest = std::max_element(
                assets.begin(), assets.end(),
                [](const asset& a, const asset& b) { return a.updated_at < b.updated_at; });
            view.last_modified_asset_timestamp = newest->file_modified_at;
        }
    }
    if (detail == album_detail::in_shared_link) {
        return view;
    }

    view.shared_users = work.users().find_by_ids(work.albums().shared_user_ids(entity.id));
    std::sort(view.shared_users.begin(), view.shared_users.end(),
              [](const user& a, const user& b) { return a.created_at < b.created_at; });
    view.has_shared_link = work.albums().has_shared_link(entity.id);
    if (detail == album_detail::full) {
        std::reverse(assets.begin(), assets.end());
        view.assets = std::move(assets);
    }
    return view;
}

} // namespace lightbox
