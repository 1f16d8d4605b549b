#include "domain/entities/asset.hpp"
#include "domain/entities/shared_link.hpp"

namespace lightbox {

std::string_view to_string(asset_type type) {
    switch (type) {
    case asset_type::image:
        return "IMAGE";
    case asset_type::video:
        return "VIDEO";
    case asset_type::audio:
        return "AUDIO";
    case asset_type::other:
        return "OTHER";
    }
    return "OTHER";
}

std::string_view to_string(shared_link_type type) {
    return type == shared_link_type::album ? "ALBUM" : "INDIVIDUAL";
}

std::optional<shared_link_type> parse_shared_link_type(std::string_view text) {
    if (text == "ALBUM") {
        return shared_link_type::album;
    }
    if (text == "INDIVIDUAL") {
        return shared_link_type::individual;
    }
    return std::nullopt;
}

} // namespace lightbox
