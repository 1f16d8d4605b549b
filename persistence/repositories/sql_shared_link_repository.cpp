#include "persistence/repositories/sql_shared_link_repository.hpp"

#include "domain/crypto/crypto.hpp"
#include "persistence/repositories/asset_rows.hpp"
#include "persistence/sql/conversions.hpp"
#include "persistence/sql/dynamic_query.hpp"

#include <stdexcept>

namespace lightbox::sql {

namespace {

constexpr std::string_view link_columns =
    "id, user_id, key_hex, type, description, created_at, expires_at, allow_upload, "
    "allow_download, show_exif, album_id";

/// One row, with the key still in hex.
struct link_row {
    shared_link value;
    std::string key_hex;

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(value.id));
        statement.exchange(soci::into(value.user_id));
        statement.exchange(soci::into(key_hex));
        statement.exchange(soci::into(value.type));
        statement.exchange(soci::into(value.description));
        statement.exchange(soci::into(value.created_at));
        statement.exchange(soci::into(value.expires_at));
        statement.exchange(soci::into(value.allow_upload));
        statement.exchange(soci::into(value.allow_download));
        statement.exchange(soci::into(value.show_exif));
        statement.exchange(soci::into(value.album_id));
    }

    shared_link read() const {
        auto key = crypto::hex_decode(key_hex);
        if (!key) {
            throw std::runtime_error("shared link " + value.id + " has a key that is not hex");
        }
        auto out = value;
        out.key = std::move(*key);
        return out;
    }
};

std::optional<shared_link> first(std::vector<shared_link> found) {
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

} // namespace

std::vector<shared_link> sql_shared_link_repository::select(const std::string& rest,
                                                            const bound_values& values) {
    std::vector<shared_link> found;
    link_row row;
    for_each_row(
        session_, "SELECT " + std::string(link_columns) + " FROM shared_link " + rest, values,
        [&](soci::statement& statement) { row.bind(statement); },
        [&] { found.push_back(row.read()); });
    return found;
}

void sql_shared_link_repository::insert(const shared_link& link) {
    const auto key_hex = crypto::hex_encode(link.key);
    session_ << "INSERT INTO shared_link (" << link_columns
             << ") VALUES (:id, :user_id, :key_hex, :type, :description, :created_at, "
                ":expires_at, :allow_upload, :allow_download, :show_exif, :album_id)",
        soci::use(link.id, "id"), soci::use(link.user_id, "user_id"), soci::use(key_hex, "key_hex"),
        soci::use(link.type, "type"), soci::use(link.description, "description"),
        soci::use(link.created_at, "created_at"), soci::use(link.expires_at, "expires_at"),
        soci::use(link.allow_upload, "allow_upload"),
        soci::use(link.allow_download, "allow_download"), soci::use(link.show_exif, "show_exif"),
        soci::use(link.album_id, "album_id");
}

void sql_shared_link_repository::update(const shared_link& link) {
    session_ << "UPDATE shared_link SET description = :description, expires_at = :expires_at, "
                "allow_upload = :allow_upload, allow_download = :allow_download, "
                "show_exif = :show_exif WHERE id = :id",
        soci::use(link.description, "description"), soci::use(link.expires_at, "expires_at"),
        soci::use(link.allow_upload, "allow_upload"),
        soci::use(link.allow_download, "allow_download"), soci::use(link.show_exif, "show_exif"),
        soci::use(link.id, "id");
}

void sql_shared_link_repository::remove(const std::string& id) {
    session_ << "DELETE FROM shared_link WHERE id = :id", soci::use(id, "id");
}

std::optional<shared_link> sql_shared_link_repository::find_by_id(const std::string& id) {
    bound_values values;
    return first(select("WHERE id = " + values.add(id), values));
}

std::optional<shared_link> sql_shared_link_repository::find_by_key(const std::string& key) {
    bound_values values;
    return first(select("WHERE key_hex = " + values.add(crypto::hex_encode(key)), values));
}

std::vector<shared_link> sql_shared_link_repository::list_by_user(const std::string& user_id) {
    bound_values values;
    return select("WHERE user_id = " + values.add(user_id) + " ORDER BY created_at DESC, id DESC",
                  values);
}

std::vector<shared_link> sql_shared_link_repository::list_by_album(const std::string& album_id) {
    bound_values values;
    return select("WHERE album_id = " + values.add(album_id) + " ORDER BY created_at DESC, id DESC",
                  values);
}

std::vector<shared_link>
sql_shared_link_repository::list_showing_asset(const std::string& asset_id) {
    bound_values values;
    const auto own = values.add(asset_id);
    const auto in_album = values.add(asset_id);
    return select("WHERE id IN (SELECT link_id FROM shared_link_asset WHERE asset_id = " + own +
                      ") OR album_id IN (SELECT album_id FROM album_asset WHERE asset_id = " +
                      in_album + ") ORDER BY created_at DESC, id DESC",
                  values);
}

std::vector<asset> sql_shared_link_repository::assets(const std::string& link_id) {
    bound_values values;
    return select_assets(session_,
                         "JOIN shared_link_asset sa ON sa.asset_id = a.id WHERE sa.link_id = " +
                             values.add(link_id) + " ORDER BY a.file_created_at, a.id",
                         values);
}

std::vector<std::string> sql_shared_link_repository::asset_ids(const std::string& link_id) {
    std::vector<std::string> ids;
    std::string id;
    soci::statement statement =
        (session_.prepare << "SELECT sa.asset_id FROM shared_link_asset sa "
                             "JOIN asset a ON a.id = sa.asset_id WHERE sa.link_id = :link_id "
                             "ORDER BY a.file_created_at, a.id",
         soci::into(id), soci::use(link_id, "link_id"));
    statement.execute(false);
    while (statement.fetch()) {
        ids.push_back(id);
    }
    return ids;
}

void sql_shared_link_repository::add_asset(const std::string& link_id,
                                           const std::string& asset_id) {
    session_ << "INSERT INTO shared_link_asset (link_id, asset_id) VALUES (:link_id, :asset_id) "
                "ON CONFLICT DO NOTHING",
        soci::use(link_id, "link_id"), soci::use(asset_id, "asset_id");
}

bool sql_shared_link_repository::remove_asset(const std::string& link_id,
                                              const std::string& asset_id) {
    soci::statement statement =
        (session_.prepare << "DELETE FROM shared_link_asset WHERE link_id = :link_id AND "
                             "asset_id = :asset_id",
         soci::use(link_id, "link_id"), soci::use(asset_id, "asset_id"));
    statement.execute(true);
    return statement.get_affected_rows() > 0;
}

} // namespace lightbox::sql
