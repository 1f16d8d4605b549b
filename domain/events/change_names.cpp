#include "domain/events/change_event.hpp"

namespace lightbox {

std::string_view to_string(album_change change) {
    switch (change) {
    case album_change::created:
        return "created";
    case album_change::updated:
        return "updated";
    case album_change::deleted:
        return "deleted";
    case album_change::assets_added:
        return "assets_added";
    case album_change::assets_removed:
        return "assets_removed";
    case album_change::users_added:
        return "users_added";
    case album_change::users_removed:
        return "users_removed";
    }
    return "updated";
}

std::string_view to_string(link_change change) {
    switch (change) {
    case link_change::created:
        return "created";
    case link_change::updated:
        return "updated";
    case link_change::assets_added:
        return "assets_added";
    case link_change::assets_removed:
        return "assets_removed";
    }
    return "updated";
}

} // namespace lightbox
