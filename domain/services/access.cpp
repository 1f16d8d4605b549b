#include "domain/services/access.hpp"

#include <algorithm>

namespace lightbox {

bool access_rules::link_contains(const shared_link& link, const std::string& asset_id) {
    const auto own = work_.shared_links().asset_ids(link.id);
    if (std::find(own.begin(), own.end(), asset_id) != own.end()) {
        return true;
    }
    return link.album_id && work_.albums().contains_asset(*link.album_id, asset_id);
}

bool access_rules::can_read_album(const caller& who, const album& a) {
    if (who.is_guest()) {
        return who.link->album_id == a.id;
    }
    if (a.owner_id == who.id()) {
        return true;
    }
    const auto users = work_.albums().shared_user_ids(a.id);
    return std::find(users.begin(), users.end(), who.id()) != users.end();
}

bool access_rules::can_read_asset(const caller& who, const asset& a) {
    if (who.is_guest()) {
        return link_contains(*who.link, a.id);
    }
    if (a.owner_id == who.id()) {
        return true;
    }
    const auto albums = work_.albums().list_containing(a.id);
    return std::any_of(albums.begin(), albums.end(),
                       [&](const album& each) { return can_read_album(who, each); });
}

bool access_rules::can_download_asset(const caller& who, const asset& a) {
    if (who.is_guest() && !who.link->allow_download) {
        return false;
    }
    return can_read_asset(who, a);
}

} // namespace lightbox
