#pragma once

#include "domain/ports/store.hpp"
#include "persistence/sql/commit_group.hpp"
#include "persistence/sql/dialect.hpp"
#include "persistence/sql/session_pool.hpp"
#include "persistence/sql/sql_unit_of_work.hpp"

#include <memory>

namespace lightbox::sql {

/// Begins readers' units of work on sessions from the pool, each in a transaction of its
/// own, and writers' in the commit group, where they share commits.
///
/// Reads start with a plain `BEGIN` and, with SQLite's write-ahead logging, never wait for
/// writers; they see what was committed when they began.
class sql_store final : public store {
public:
    sql_store(std::shared_ptr<session_pool> pool, sql::dialect dialect,
              std::unique_ptr<commit_group> writers);

    std::unique_ptr<unit_of_work> begin(access_mode mode) override;
    void settle_all() override { writers_->settle_all(); }
    /// A transaction of its own on a pooled session, with the session in reach: for the
    /// persistence layer itself (the schema migration), never while writers are at work.
    std::unique_ptr<sql_unit_of_work> begin_transaction(access_mode mode);

    commit_group::totals group_commits() const { return writers_->counted(); }

private:
    std::shared_ptr<session_pool> pool_;
    sql::dialect dialect_;
    std::unique_ptr<commit_group> writers_;
};

} // namespace lightbox::sql
