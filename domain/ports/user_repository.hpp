#pragma once

#include "domain/entities/user.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

class user_repository {
public:
    virtual ~user_repository() = default;

    virtual void insert(const user& u) = 0;
    /// Writes every field but `id` and `created_at`.
    virtual void update(const user& u) = 0;
    /// Finds deleted users too; callers decide what a deleted user may do.
    virtual std::optional<user> find_by_id(const std::string& id) = 0;
    virtual std::optional<user> find_by_email(const std::string& email) = 0;
    /// Several users at once, in no particular order; unknown ids are skipped.
    virtual std::vector<user> find_by_ids(const std::vector<std::string>& ids) = 0;
    /// Newest first, deleted users included.
    virtual std::vector<user> list_all() = 0;
    virtual bool has_admin() = 0;
};

} // namespace lightbox
