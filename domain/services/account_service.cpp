#include "domain/services/account_service.hpp"

#include "domain/crypto/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ids.hpp"

#include <algorithm>
#include <cctype>

namespace lightbox {

namespace {

std::string lower_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Storage labels name folders: keep letters, digits, `-` and `_`.
std::optional<std::string> sanitize_storage_label(const std::optional<std::string>& label) {
    if (!label) {
        return std::nullopt;
    }
    std::string clean;
    for (const unsigned char c : *label) {
        if (std::isalnum(c) || c == '-' || c == '_') {
            clean.push_back(static_cast<char>(c));
        }
    }
    if (clean.empty()) {
        return std::nullopt;
    }
    return clean;
}

user live_user_or(unit_of_work& work, const std::string& id, const char* message) {
    auto found = work.users().find_by_id(id);
    if (!found || found->is_deleted()) {
        throw unauthorized(message);
    }
    return *found;
}

} // namespace

std::string secret_hash(const std::string& secret) {
    return crypto::base64_encode(crypto::sha256(secret));
}

user account_service::insert_user(unit_of_work& work, const new_user& request,
                                  std::string password_hash, bool is_admin) {
    const auto email = lower_case(request.email);
    if (work.users().find_by_email(email)) {
        throw bad_request("User exists");
    }
    const auto at = now();
    user u;
    u.id = new_uuid();
    u.email = email;
    u.first_name = request.first_name;
    u.last_name = request.last_name;
    u.password_hash = std::move(password_hash);
    u.storage_label = is_admin ? std::optional<std::string>("admin")
                               : sanitize_storage_label(request.storage_label);
    u.external_path = request.external_path;
    u.should_change_password = !is_admin;
    u.is_admin = is_admin;
    u.memories_enabled = request.memories_enabled.value_or(true);
    u.library_id = new_uuid();
    u.created_at = at;
    u.updated_at = at;
    work.users().insert(u);
    return u;
}

user account_service::admin_sign_up(const new_user& request) {
    // Before the write begins: bcrypt takes tens of milliseconds, every writer would wait.
    auto password_hash = crypto::bcrypt_hash(request.password);
    auto work = db_.begin(access_mode::write);
    if (work->users().has_admin()) {
        throw bad_request("The server already has an admin");
    }
    auto admin = insert_user(*work, request, std::move(password_hash), true);
    work->commit();
    return admin;
}

login_result account_service::login(const std::string& email, const std::string& password,
                                    const std::string& device_type,
                                    const std::string& device_os) {
    auto found = [&] {
        auto work = db_.begin(access_mode::read);
        return work->users().find_by_email(lower_case(email));
    }();
    if (!found || found->is_deleted() || found->password_hash.empty() ||
        !crypto::bcrypt_verify(password, found->password_hash)) {
        throw unauthorized("Incorrect email or password");
    }

    login_result result{*found, crypto::new_secret()};
    const auto at = now();
    user_session session{new_uuid(), secret_hash(result.access_token), found->id,
                         device_type, device_os, at, at};
    auto work = db_.begin(access_mode::write);
    work->credentials().insert_session(session);
    work->commit();
    return result;
}

void account_service::logout(const caller& who) {
    if (!who.session_id) {
        return;
    }
    auto work = db_.begin(access_mode::write);
    work->credentials().delete_session(*who.session_id);
    work->commit();
}

caller account_service::authenticate_session(const std::string& token) {
    auto work = db_.begin(access_mode::read);
    const auto session = work->credentials().find_session_by_hash(secret_hash(token));
    if (!session) {
        throw unauthorized("Invalid user token");
    }
    caller who{live_user_or(*work, session->user_id, "Invalid user token"), std::nullopt,
               session->id};
    return who;
}

caller account_service::authenticate_api_key(const std::string& secret) {
    auto work = db_.begin(access_mode::read);
    const auto key = work->credentials().find_api_key_by_hash(secret_hash(secret));
    if (!key) {
        throw unauthorized("Invalid API key");
    }
    return caller{live_user_or(*work, key->user_id, "Invalid API key"), std::nullopt,
                  std::nullopt};
}

std::string decode_share_key(const std::string& key) {
    if (key.size() == 100) {
        return crypto::hex_decode(key).value_or(std::string{});
    }
    return crypto::base64url_decode_lenient(key);
}

caller account_service::authenticate_share_key(const std::string& key) {
    const auto raw = decode_share_key(key);
    if (raw.empty()) {
        throw unauthorized("Invalid share key");
    }

    auto work = db_.begin(access_mode::read);
    auto link = work->shared_links().find_by_key(raw);
    if (!link || link->is_expired(now())) {
        throw unauthorized("Invalid share key");
    }
    auto owner = live_user_or(*work, link->user_id, "Invalid share key");
    return caller{std::move(owner), std::move(*link), std::nullopt};
}

user account_service::create_user(const caller& who, const new_user& request) {
    auto password_hash = crypto::bcrypt_hash(request.password);
    auto work = db_.begin(access_mode::write);
    if (!work->users().has_admin()) {
        throw bad_request("The first registered account must the administrator.");
    }
    auto created = insert_user(*work, request, std::move(password_hash), false);
    work->commit();
    return created;
}

user account_service::delete_user(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::write);
    auto target = work->users().find_by_id(id);
    if (!target) {
        throw bad_request("User not found");
    }
    if (target->is_admin) {
        throw forbidden("Cannot delete admin user");
    }
    if (!target->is_deleted()) {
        target->deleted_at = now();
        target->updated_at = *target->deleted_at;
        work->users().update(*target);
        // Once the deletion is durable and visible: a guest load racing it must not find the
        // user still alive after the caches forgot them.
        work->after_commit([this, id] { events_.user_deleted(id); });
        work->commit();
    }
    return *target;
}

user account_service::get_user(const std::string& id) {
    auto work = db_.begin(access_mode::read);
    auto found = work->users().find_by_id(id);
    if (!found) {
        throw not_found("User not found");
    }
    return *found;
}

std::vector<user> account_service::list_users(bool include_deleted) {
    auto work = db_.begin(access_mode::read);
    auto all = work->users().list_all();
    if (!include_deleted) {
        std::erase_if(all, [](const user& u) { return u.is_deleted(); });
    }
    return all;
}

api_key_created account_service::create_api_key(const caller& who, const std::string& name) {
    const auto at = now();
    api_key_created created;
    created.secret = crypto::new_secret();
    created.key = api_key{new_uuid(), name.empty() ? "API Key" : name,
                          secret_hash(created.secret), who.id(), at, at};
    auto work = db_.begin(access_mode::write);
    work->credentials().insert_api_key(created.key);
    work->commit();
    return created;
}

std::vector<api_key> account_service::list_api_keys(const caller& who) {
    auto work = db_.begin(access_mode::read);
    return work->credentials().list_api_keys(who.id());
}

void account_service::delete_api_key(const caller& who, const std::string& id) {
    auto work = db_.begin(access_mode::write);
    const auto key = work->credentials().find_api_key(id);
    if (!key || key->user_id != who.id()) {
        throw bad_request("API Key not found");
    }
    work->credentials().delete_api_key(id);
    work->commit();
}

} // namespace lightbox
