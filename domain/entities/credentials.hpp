#pragma once

#include "domain/time.hpp"

#include <string>

namespace lightbox {

/// A long-lived secret a user creates for scripts; only its SHA-256 is stored.
struct api_key {
    std::string id;
    std::string name;
    std::string key_hash;
    std::string user_id;
    timestamp created_at{};
    timestamp updated_at{};
};

/// A login session ("user token"); only the SHA-256 of the token is stored.
struct user_session {
    std::string id;
    std::string token_hash;
    std::string user_id;
    std::string device_type;
    std::string device_os;
    timestamp created_at{};
    timestamp updated_at{};
};

} // namespace lightbox
