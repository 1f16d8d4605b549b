#pragma once

#include "domain/time.hpp"

#include <optional>
#include <string>

namespace lightbox {

struct album {
    std::string id;
    std::string owner_id;
    std::string album_name;
    std::string description;
    std::optional<std::string> album_thumbnail_asset_id;
    timestamp created_at{};
    timestamp updated_at{};
};

} // namespace lightbox
