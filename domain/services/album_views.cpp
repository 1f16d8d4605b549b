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

album_asset_figures figures_of(const std::vector<asset>& oldest_first) {
    album_asset_figures figures;
    figures.count = static_cast<long>(oldest_first.size());
    if (oldest_first.empty()) {
        return figures;
    }
    figures.start_date = oldest_first.front().file_created_at;
    figures.end_date = oldest_first.back().file_created_at;
    const auto latest = std::max_element(
        oldest_first.begin(), oldest_first.end(),
        [](const asset& a, const asset& b) { return a.updated_at < b.updated_at; });
    figures.last_modified_asset_timestamp = latest->file_modified_at;
    return figures;
}

album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail) {
    if (detail != album_detail::full) {
        return make_album_view(work, entity, detail, work.albums().asset_figures(entity.id));
    }
    auto assets = work.albums().assets(entity.id);
    auto view = make_album_view(work, entity, detail, figures_of(assets));
    std::reverse(assets.begin(), assets.end());
    view.assets = std::move(assets);
    return view;
}

album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail,
                           const album_asset_figures& figures) {
    album_view view;
    view.entity = entity;
    view.owner = album_owner(work, entity);
    view.asset_count = figures.count;
    view.start_date = figures.start_date;
    view.end_date = figures.end_date;
    if (detail == album_detail::summary) {
        view.last_modified_asset_timestamp = figures.last_modified_asset_timestamp;
    }
    if (detail == album_detail::in_shared_link) {
        return view;
    }

    view.shared_users = work.users().find_by_ids(work.albums().shared_user_ids(entity.id));
    std::sort(view.shared_users.begin(), view.shared_users.end(),
              [](const user& a, const user& b) { return a.created_at < b.created_at; });
    view.has_shared_link = work.albums().has_shared_link(entity.id);
    return view;
}

} // namespace lightbox
