#pragma once

#include "domain/ports/user_repository.hpp"
#include "persistence/sql/bound_values.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

class sql_user_repository final : public user_repository {
public:
    explicit sql_user_repository(soci::session& session) : session_(session) {}

    void insert(const user& u) override;
    void update(const user& u) override;
    std::optional<user> find_by_id(const std::string& id) override;
    std::optional<user> find_by_email(const std::string& email) override;
    std::vector<user> find_by_ids(const std::vector<std::string>& ids) override;
    std::vector<user> list_all() override;
    bool has_admin() override;

private:
    /// Runs `SELECT <user columns> FROM users <rest>`.
    std::vector<user> select(const std::string& rest, const bound_values& values);

    soci::session& session_;
};

} // namespace lightbox::sql
