#pragma once

#include "domain/ports/credential_repository.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

class sql_credential_repository final : public credential_repository {
public:
    explicit sql_credential_repository(soci::session& session) : session_(session) {}

    void insert_session(const user_session& s) override;
    std::optional<user_session> find_session_by_hash(const std::string& token_hash) override;
    void touch_session(const std::string& id, timestamp at) override;
    void delete_session(const std::string& id) override;

    void insert_api_key(const api_key& k) override;
    std::optional<api_key> find_api_key_by_hash(const std::string& key_hash) override;
    std::optional<api_key> find_api_key(const std::string& id) override;
    std::vector<api_key> list_api_keys(const std::string& user_id) override;
    void delete_api_key(const std::string& id) override;

private:
    /// Runs `SELECT <api key columns> FROM api_key WHERE <column> = :value <order>`; `column`
    /// and `order` are fixed text of this class, never input.
    std::vector<api_key> select_api_keys(const std::string& column, const std::string& value,
                                         const std::string& order);

    soci::session& session_;
};

} // namespace lightbox::sql
