#pragma once

#include "domain/ports/album_repository.hpp"
#include "persistence/sql/bound_values.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

/// Albums, their assets and the users they are shared with. Lists of albums go newest
/// `created_at` first, ties newest id first.
class sql_album_repository final : public album_repository {
public:
    explicit sql_album_repository(soci::session& session) : session_(session) {}

    void insert(const album& a) override;
    void update(const album& a) override;
    void remove(const std::string& id) override;

    std::optional<album> find_by_id(const std::string& id) override;
    std::vector<album> list_owned(const std::string& owner_id) override;
    std::vector<album> list_shared_with(const std::string& user_id) override;
    std::vector<album> list_containing(const std::string& asset_id) override;

    std::vector<asset> assets(const std::string& album_id) override;
    std::vector<std::string> asset_ids(const std::string& album_id) override;
    album_asset_figures asset_figures(const std::string& album_id) override;
    bool contains_asset(const std::string& album_id, const std::string& asset_id) override;
    void add_assets(const std::string& album_id, const std::vector<std::string>& ids) override;
    void remove_assets(const std::string& album_id, const std::vector<std::string>& ids) override;

    std::vector<std::string> shared_user_ids(const std::string& album_id) override;
    void add_shared_user(const std::string& album_id, const std::string& user_id) override;
    void remove_shared_user(const std::string& album_id, const std::string& user_id) override;
    bool has_shared_link(const std::string& album_id) override;

private:
    /// Runs `SELECT <album columns> FROM album al <rest>`.
    std::vector<album> select(const std::string& rest, const bound_values& values);
    std::vector<std::string> select_ids(const std::string& query, const std::string& album_id);

    soci::session& session_;
};

} // namespace lightbox::sql
