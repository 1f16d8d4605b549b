#include "persistence/repositories/sql_user_repository.hpp"

#include "persistence/sql/conversions.hpp"
#include "persistence/sql/dynamic_query.hpp"

namespace lightbox::sql {

namespace {

constexpr std::string_view user_columns =
    "id, email, first_name, last_name, password_hash, storage_label, external_path, "
    "profile_image_path, should_change_password, is_admin, memories_enabled, oauth_id, "
    "library_id, created_at, updated_at, deleted_at";

void bind_user(soci::statement& statement, user& u) {
    statement.exchange(soci::into(u.id));
    statement.exchange(soci::into(u.email));
    statement.exchange(soci::into(u.first_name));
    statement.exchange(soci::into(u.last_name));
    statement.exchange(soci::into(u.password_hash));
    statement.exchange(soci::into(u.storage_label));
    statement.exchange(soci::into(u.external_path));
    statement.exchange(soci::into(u.profile_image_path));
    statement.exchange(soci::into(u.should_change_password));
    statement.exchange(soci::into(u.is_admin));
    statement.exchange(soci::into(u.memories_enabled));
    statement.exchange(soci::into(u.oauth_id));
    statement.exchange(soci::into(u.library_id));
    statement.exchange(soci::into(u.created_at));
    statement.exchange(soci::into(u.updated_at));
    statement.exchange(soci::into(u.deleted_at));
}

std::optional<user> first(std::vector<user> found) {
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

} // namespace

std::vector<user> sql_user_repository::select(const std::string& rest, const bound_values& values) {
    std::vector<user> found;
    user row;
    for_each_row(
        session_, "SELECT " + std::string(user_columns) + " FROM users " + rest, values,
        [&](soci::statement& statement) { bind_user(statement, row); },
        [&] { found.push_back(row); });
    return found;
}

void sql_user_repository::insert(const user& u) {
    session_ << "INSERT INTO users (" << user_columns
             << ") VALUES (:id, :email, :first_name, :last_name, :password_hash, "
                ":storage_label, :external_path, :profile_image_path, :should_change_password, "
                ":is_admin, :memories_enabled, :oauth_id, :library_id, :created_at, "
                ":updated_at, :deleted_at)",
        soci::use(u.id, "id"), soci::use(u.email, "email"), soci::use(u.first_name, "first_name"),
        soci::use(u.last_name, "last_name"), soci::use(u.password_hash, "password_hash"),
        soci::use(u.storage_label, "storage_label"), soci::use(u.external_path, "external_path"),
        soci::use(u.profile_image_path, "profile_image_path"),
        soci::use(u.should_change_password, "should_change_password"),
        soci::use(u.is_admin, "is_admin"), soci::use(u.memories_enabled, "memories_enabled"),
        soci::use(u.oauth_id, "oauth_id"), soci::use(u.library_id, "library_id"),
        soci::use(u.created_at, "created_at"), soci::use(u.updated_at, "updated_at"),
        soci::use(u.deleted_at, "deleted_at");
}

void sql_user_repository::update(const user& u) {
    session_ << "UPDATE users SET email = :email, first_name = :first_name, "
                "last_name = :last_name, password_hash = :password_hash, "
                "storage_label = :storage_label, external_path = :external_path, "
                "profile_image_path = :profile_image_path, "
                "should_change_password = :should_change_password, is_admin = :is_admin, "
                "memories_enabled = :memories_enabled, oauth_id = :oauth_id, "
                "library_id = :library_id, updated_at = :updated_at, deleted_at = :deleted_at "
                "WHERE id = :id",
        soci::use(u.email, "email"), soci::use(u.first_name, "first_name"),
        soci::use(u.last_name, "last_name"), soci::use(u.password_hash, "password_hash"),
        soci::use(u.storage_label, "storage_label"), soci::use(u.external_path, "external_path"),
        soci::use(u.profile_image_path, "profile_image_path"),
        soci::use(u.should_change_password, "should_change_password"),
        soci::use(u.is_admin, "is_admin"), soci::use(u.memories_enabled, "memories_enabled"),
        soci::use(u.oauth_id, "oauth_id"), soci::use(u.library_id, "library_id"),
        soci::use(u.updated_at, "updated_at"), soci::use(u.deleted_at, "deleted_at"),
        soci::use(u.id, "id");
}

std::optional<user> sql_user_repository::find_by_id(const std::string& id) {
    bound_values values;
    return first(select("WHERE id = " + values.add(id), values));
}

std::optional<user> sql_user_repository::find_by_email(const std::string& email) {
    bound_values values;
    return first(select("WHERE email = " + values.add(email), values));
}

std::vector<user> sql_user_repository::find_by_ids(const std::vector<std::string>& ids) {
    std::vector<user> found;
    for (const auto slice : list_slices(ids)) {
        bound_values values;
        auto part = select("WHERE id IN (" + values.add_list(slice) + ")", values);
        found.insert(found.end(), part.begin(), part.end());
    }
    return found;
}

std::vector<user> sql_user_repository::list_all() {
    return select("ORDER BY created_at DESC, id DESC", {});
}

bool sql_user_repository::has_admin() {
    int admins = 0;
    session_ << "SELECT COUNT(*) FROM users WHERE is_admin = 1", soci::into(admins);
    return admins > 0;
}

} // namespace lightbox::sql
