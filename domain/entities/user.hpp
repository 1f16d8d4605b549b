#pragma once

#include "domain/time.hpp"

#include <optional>
#include <string>

namespace lightbox {

struct user {
    std::string id;
    std::string email;
    std::string first_name;
    std::string last_name;
    std::string password_hash;
    std::optional<std::string> storage_label;
    std::optional<std::string> external_path;
    std::string profile_image_path;
    bool should_change_password = false;
    bool is_admin = false;
    bool memories_enabled = true;
    std::string oauth_id;
    /// Every user owns one upload library; Immich reports its id on each asset.
    std::string library_id;
    timestamp created_at{};
    timestamp updated_at{};
    std::optional<timestamp> deleted_at;

    bool is_deleted() const { return deleted_at.has_value(); }
};

} // namespace lightbox
