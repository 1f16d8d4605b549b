#pragma once

#include "domain/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lightbox {

enum class shared_link_type { album, individual };

std::string_view to_string(shared_link_type type);
std::optional<shared_link_type> parse_shared_link_type(std::string_view text);

struct shared_link {
    std::string id;
    std::string user_id;
    /// The 50 raw key bytes.
    std::string key;
    shared_link_type type = shared_link_type::individual;
    std::optional<std::string> description;
    timestamp created_at{};
    std::optional<timestamp> expires_at;
    bool allow_upload = false;
    bool allow_download = true;
    bool show_exif = true;
    std::optional<std::string> album_id;

    /// A key opens the link only until it expires (strictly before `expires_at`).
    bool is_expired(timestamp at) const { return expires_at && *expires_at <= at; }
};

} // namespace lightbox
