#pragma once

#include "domain/entities/credentials.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// Sessions and API keys: the secrets users authenticate with, stored as hashes.
class credential_repository {
public:
    virtual ~credential_repository() = default;

    virtual void insert_session(const user_session& s) = 0;
    virtual std::optional<user_session> find_session_by_hash(const std::string& token_hash) = 0;
    virtual void touch_session(const std::string& id, timestamp at) = 0;
    virtual void delete_session(const std::string& id) = 0;

    virtual void insert_api_key(const api_key& k) = 0;
    virtual std::optional<api_key> find_api_key_by_hash(const std::string& key_hash) = 0;
    virtual std::optional<api_key> find_api_key(const std::string& id) = 0;
    /// Newest first.
    virtual std::vector<api_key> list_api_keys(const std::string& user_id) = 0;
    virtual void delete_api_key(const std::string& id) = 0;
};

} // namespace lightbox
