#pragma once

#include "domain/ports/shared_link_repository.hpp"
#include "persistence/sql/bound_values.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

/// Shared links; the key is stored as lowercase hex under a unique index.
class sql_shared_link_repository final : public shared_link_repository {
public:
    explicit sql_shared_link_repository(soci::session& session) : session_(session) {}

    void insert(const shared_link& link) override;
    void update(const shared_link& link) override;
    void remove(const std::string& id) override;

    std::optional<shared_link> find_by_id(const std::string& id) override;
    std::optional<shared_link> find_by_key(const std::string& key) override;
    /// Ties in `created_at` go newest id first.
    std::vector<shared_link> list_by_user(const std::string& user_id) override;
    std::vector<shared_link> list_by_album(const std::string& album_id) override;
    std::vector<shared_link> list_showing_asset(const std::string& asset_id) override;

    std::vector<asset> assets(const std::string& link_id) override;
    std::vector<std::string> asset_ids(const std::string& link_id) override;
    void add_asset(const std::string& link_id, const std::string& asset_id) override;
    bool remove_asset(const std::string& link_id, const std::string& asset_id) override;

private:
    /// Runs `SELECT <shared link columns> FROM shared_link <rest>`.
    std::vector<shared_link> select(const std::string& rest, const bound_values& values);

    soci::session& session_;
};

} // namespace lightbox::sql
