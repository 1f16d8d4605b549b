#include "persistence/repositories/sql_album_repository.hpp"

#include "persistence/repositories/asset_rows.hpp"
#include "persistence/sql/conversions.hpp"
#include "persistence/sql/dynamic_query.hpp"

namespace lightbox::sql {

namespace {

constexpr std::string_view album_columns =
    "al.id, al.owner_id, al.album_name, al.description, al.album_thumbnail_asset_id, "
    "al.created_at, al.updated_at";

constexpr std::string_view newest_first = " ORDER BY al.created_at DESC, al.id DESC";

void bind_album(soci::statement& statement, album& a) {
    statement.exchange(soci::into(a.id));
    statement.exchange(soci::into(a.owner_id));
    statement.exchange(soci::into(a.album_name));
    statement.exchange(soci::into(a.description));
    statement.exchange(soci::into(a.album_thumbnail_asset_id));
    statement.exchange(soci::into(a.created_at));
    statement.exchange(soci::into(a.updated_at));
}

} // namespace

std::vector<album> sql_album_repository::select(const std::string& rest,
                                                const bound_values& values) {
    std::vector<album> found;
    album row;
    for_each_row(
        session_, "SELECT " + std::string(album_columns) + " FROM album al " + rest, values,
        [&](soci::statement& statement) { bind_album(statement, row); },
        [&] { found.push_back(row); });
    return found;
}

std::vector<std::string> sql_album_repository::select_ids(const std::string& query,
                                                          const std::string& album_id) {
    std::vector<std::string> ids;
    std::string id;
    soci::statement statement =
        (session_.prepare << query, soci::into(id), soci::use(album_id, "album_id"));
    statement.execute(false);
    while (statement.fetch()) {
        ids.push_back(id);
    }
    return ids;
}

void sql_album_repository::insert(const album& a) {
    session_ << "INSERT INTO album (id, owner_id, album_name, description, "
                "album_thumbnail_asset_id, created_at, updated_at) VALUES (:id, :owner_id, "
                ":album_name, :description, :thumbnail, :created_at, :updated_at)",
        soci::use(a.id, "id"), soci::use(a.owner_id, "owner_id"),
        soci::use(a.album_name, "album_name"), soci::use(a.description, "description"),
        soci::use(a.album_thumbnail_asset_id, "thumbnail"), soci::use(a.created_at, "created_at"),
        soci::use(a.updated_at, "updated_at");
}

void sql_album_repository::update(const album& a) {
    session_ << "UPDATE album SET album_name = :album_name, description = :description, "
                "album_thumbnail_asset_id = :thumbnail, updated_at = :updated_at WHERE id = :id",
        soci::use(a.album_name, "album_name"), soci::use(a.description, "description"),
        soci::use(a.album_thumbnail_asset_id, "thumbnail"), soci::use(a.updated_at, "updated_at"),
        soci::use(a.id, "id");
}

void sql_album_repository::remove(const std::string& id) {
    session_ << "DELETE FROM album WHERE id = :id", soci::use(id, "id");
}

std::optional<album> sql_album_repository::find_by_id(const std::string& id) {
    bound_values values;
    auto found = select("WHERE al.id = " + values.add(id), values);
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

std::vector<album> sql_album_repository::list_owned(const std::string& owner_id) {
    bound_values values;
    return select("WHERE al.owner_id = " + values.add(owner_id) + std::string(newest_first),
                  values);
}

std::vector<album> sql_album_repository::list_shared_with(const std::string& user_id) {
    bound_values values;
    return select("JOIN album_user au ON au.album_id = al.id WHERE au.user_id = " +
                      values.add(user_id) + std::string(newest_first),
                  values);
}

std::vector<album> sql_album_repository::list_containing(const std::string& asset_id) {
    bound_values values;
    return select("JOIN album_asset aa ON aa.album_id = al.id WHERE aa.asset_id = " +
                      values.add(asset_id) + std::string(newest_first),
                  values);
}

std::vector<asset> sql_album_repository::assets(const std::string& album_id) {
    bound_values values;
    return select_assets(session_,
                         "JOIN album_asset aa ON aa.asset_id = a.id WHERE aa.album_id = " +
                             values.add(album_id) + " ORDER BY a.file_created_at, a.id",
                         values);
}

std::vector<std::string> sql_album_repository::asset_ids(const std::string& album_id) {
    return select_ids("SELECT aa.asset_id FROM album_asset aa JOIN asset a ON a.id = aa.asset_id "
                      "WHERE aa.album_id = :album_id ORDER BY a.file_created_at, a.id",
                      album_id);
}

album_asset_figures sql_album_repository::asset_figures(const std::string& album_id) {
    // The latest-updated asset is picked by a subquery ordered as `assets()` breaks ties:
    // taking its row out of an aggregate has no form both SQLite and PostgreSQL accept.
    bound_values values;
    const auto latest_album = values.add(album_id);
    const auto counted_album = values.add(album_id);
    const auto query =
        "SELECT COUNT(*), MIN(a.file_created_at), MAX(a.file_created_at), "
        "(SELECT la.file_modified_at FROM album_asset laa JOIN asset la ON la.id = laa.asset_id "
        "WHERE laa.album_id = " +
        latest_album +
        " ORDER BY la.updated_at DESC, la.file_created_at, la.id LIMIT 1) "
        "FROM album_asset aa JOIN asset a ON a.id = aa.asset_id WHERE aa.album_id = " +
        counted_album;

    album_asset_figures figures;
    for_each_row(
        session_, query, values,
        [&](soci::statement& statement) {
            statement.exchange(soci::into(figures.count));
            statement.exchange(soci::into(figures.start_date));
            statement.exchange(soci::into(figures.end_date));
            statement.exchange(soci::into(figures.last_modified_asset_timestamp));
        },
        [] {});
    return figures;
}

bool sql_album_repository::contains_asset(const std::string& album_id,
                                          const std::string& asset_id) {
    int count = 0;
    session_ << "SELECT COUNT(*) FROM album_asset WHERE album_id = :album_id AND "
                "asset_id = :asset_id",
        soci::into(count), soci::use(album_id, "album_id"), soci::use(asset_id, "asset_id");
    return count > 0;
}

void sql_album_repository::add_assets(const std::string& album_id,
                                      const std::vector<std::string>& ids) {
    for (const auto slice : list_slices(ids)) {
        bound_values values;
        std::string rows;
        for (const auto& id : slice) {
            rows += rows.empty() ? "(" : ", (";
            rows += values.add(album_id) + ", " + values.add(id) + ")";
        }
        run(session_,
            "INSERT INTO album_asset (album_id, asset_id) VALUES " + rows +
                " ON CONFLICT DO NOTHING",
            values);
    }
}

void sql_album_repository::remove_assets(const std::string& album_id,
                                         const std::vector<std::string>& ids) {
    for (const auto slice : list_slices(ids)) {
        bound_values values;
        run(session_,
            "DELETE FROM album_asset WHERE album_id = " + values.add(album_id) +
                " AND asset_id IN (" + values.add_list(slice) + ")",
            values);
    }
}

std::vector<std::string> sql_album_repository::shared_user_ids(const std::string& album_id) {
    return select_ids("SELECT user_id FROM album_user WHERE album_id = :album_id ORDER BY user_id",
                      album_id);
}

void sql_album_repository::add_shared_user(const std::string& album_id,
                                           const std::string& user_id) {
    session_ << "INSERT INTO album_user (album_id, user_id) VALUES (:album_id, :user_id) "
                "ON CONFLICT DO NOTHING",
        soci::use(album_id, "album_id"), soci::use(user_id, "user_id");
}

void sql_album_repository::remove_shared_user(const std::string& album_id,
                                              const std::string& user_id) {
    session_ << "DELETE FROM album_user WHERE album_id = :album_id AND user_id = :user_id",
        soci::use(album_id, "album_id"), soci::use(user_id, "user_id");
}

bool sql_album_repository::has_shared_link(const std::string& album_id) {
    int count = 0;
    session_ << "SELECT COUNT(*) FROM shared_link WHERE album_id = :album_id", soci::into(count),
        soci::use(album_id, "album_id");
    return count > 0;
}

} // namespace lightbox::sql
