#pragma once

#include "domain/entities/credentials.hpp"
#include "domain/entities/user.hpp"
#include "domain/events/event_journal.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/caller.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

struct new_user {
    std::string email;
    std::string password;
    std::string first_name;
    std::string last_name;
    std::optional<std::string> storage_label;
    std::optional<std::string> external_path;
    std::optional<bool> memories_enabled;
};

struct login_result {
    user account;
    /// The session token, shown once; only its hash is kept.
    std::string access_token;
};

struct api_key_created {
    api_key key;
    /// The secret, shown once; only its hash is kept.
    std::string secret;
};

/// Users, their credentials, and turning a credential into a caller. Every call may block
/// (database, bcrypt): run it on a worker thread.
class account_service {
public:
    explicit account_service(store& db, event_journal& events = event_journal::none())
        : db_(db), events_(events) {}

    user admin_sign_up(const new_user& request);
    login_result login(const std::string& email, const std::string& password,
                       const std::string& device_type, const std::string& device_os);
    void logout(const caller& who);

    caller authenticate_session(const std::string& token);
    caller authenticate_api_key(const std::string& secret);
    /// Accepts the base64url key or its 100-character hex form.
    caller authenticate_share_key(const std::string& key);

    user create_user(const caller& who, const new_user& request);
    user delete_user(const caller& who, const std::string& id);
    user get_user(const std::string& id);
    std::vector<user> list_users(bool include_deleted);

    api_key_created create_api_key(const caller& who, const std::string& name);
    std::vector<api_key> list_api_keys(const caller& who);
    void delete_api_key(const caller& who, const std::string& id);

private:
    user insert_user(unit_of_work& work, const new_user& request, std::string password_hash,
                     bool is_admin);

    store& db_;
    event_journal& events_;
};

/// SHA-256 of a secret in base64: what the database keeps of tokens and API keys.
std::string secret_hash(const std::string& secret);

/// The raw bytes of a share key given as base64url or as its 100-character hex form; empty
/// when it decodes to nothing.
std::string decode_share_key(const std::string& key);

} // namespace lightbox
