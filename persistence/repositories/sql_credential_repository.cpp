#include "persistence/repositories/sql_credential_repository.hpp"

#include "persistence/sql/conversions.hpp"

namespace lightbox::sql {

void sql_credential_repository::insert_session(const user_session& s) {
    session_ << "INSERT INTO user_session (id, token_hash, user_id, device_type, device_os, "
                "created_at, updated_at) VALUES (:id, :token_hash, :user_id, :device_type, "
                ":device_os, :created_at, :updated_at)",
        soci::use(s.id, "id"), soci::use(s.token_hash, "token_hash"),
        soci::use(s.user_id, "user_id"), soci::use(s.device_type, "device_type"),
        soci::use(s.device_os, "device_os"), soci::use(s.created_at, "created_at"),
        soci::use(s.updated_at, "updated_at");
}

std::optional<user_session>
sql_credential_repository::find_session_by_hash(const std::string& token_hash) {
    user_session s;
    soci::statement statement =
        (session_.prepare << "SELECT id, token_hash, user_id, device_type, device_os, "
                             "created_at, updated_at FROM user_session "
                             "WHERE token_hash = :token_hash",
         soci::into(s.id), soci::into(s.token_hash), soci::into(s.user_id),
         soci::into(s.device_type), soci::into(s.device_os), soci::into(s.created_at),
         soci::into(s.updated_at), soci::use(token_hash, "token_hash"));
    if (!statement.execute(true)) {
        return std::nullopt;
    }
    return s;
}

void sql_credential_repository::touch_session(const std::string& id, timestamp at) {
    session_ << "UPDATE user_session SET updated_at = :at WHERE id = :id", soci::use(at, "at"),
        soci::use(id, "id");
}

void sql_credential_repository::delete_session(const std::string& id) {
    session_ << "DELETE FROM user_session WHERE id = :id", soci::use(id, "id");
}

void sql_credential_repository::insert_api_key(const api_key& k) {
    session_ << "INSERT INTO api_key (id, name, key_hash, user_id, created_at, updated_at) "
                "VALUES (:id, :name, :key_hash, :user_id, :created_at, :updated_at)",
        soci::use(k.id, "id"), soci::use(k.name, "name"), soci::use(k.key_hash, "key_hash"),
        soci::use(k.user_id, "user_id"), soci::use(k.created_at, "created_at"),
        soci::use(k.updated_at, "updated_at");
}

std::vector<api_key> sql_credential_repository::select_api_keys(const std::string& column,
                                                                const std::string& value,
                                                                const std::string& order) {
    std::vector<api_key> found;
    api_key k;
    soci::statement statement =
        (session_.prepare << "SELECT id, name, key_hash, user_id, created_at, updated_at "
                             "FROM api_key WHERE "
                          << column << " = :value " << order,
         soci::into(k.id), soci::into(k.name), soci::into(k.key_hash), soci::into(k.user_id),
         soci::into(k.created_at), soci::into(k.updated_at), soci::use(value, "value"));
    statement.execute(false);
    while (statement.fetch()) {
        found.push_back(k);
    }
    return found;
}

std::optional<api_key>
sql_credential_repository::find_api_key_by_hash(const std::string& key_hash) {
    auto found = select_api_keys("key_hash", key_hash, "");
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

std::optional<api_key> sql_credential_repository::find_api_key(const std::string& id) {
    auto found = select_api_keys("id", id, "");
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

std::vector<api_key> sql_credential_repository::list_api_keys(const std::string& user_id) {
    return select_api_keys("user_id", user_id, "ORDER BY created_at DESC, id DESC");
}

void sql_credential_repository::delete_api_key(const std::string& id) {
    session_ << "DELETE FROM api_key WHERE id = :id", soci::use(id, "id");
}

} // namespace lightbox::sql
