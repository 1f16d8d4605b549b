#pragma once

#include "domain/ports/store.hpp"
#include "persistence/sql/dialect.hpp"
#include "persistence/sql/session_pool.hpp"
#include "persistence/sql/sql_unit_of_work.hpp"

#include <memory>

namespace lightbox::sql {

/// Begins units of work on sessions from the pool.
///
/// On SQLite a write transaction starts with `BEGIN IMMEDIATE`: it takes the write lock at
/// once, waiting up to the busy timeout while another writer holds it. A deferred `BEGIN`
/// would take it only at the first write, and SQLite fails such an upgrade at once when
/// another writer got there first. Reads use a plain `BEGIN` and, with write-ahead logging,
/// never wait for writers. On PostgreSQL both start with a plain `BEGIN`.
class sql_store final : public store {
public:
    sql_store(std::shared_ptr<session_pool> pool, sql::dialect dialect);

    std::unique_ptr<unit_of_work> begin(access_mode mode) override;
    /// `begin` for the persistence layer itself, with the session in reach.
    std::unique_ptr<sql_unit_of_work> begin_transaction(access_mode mode);

private:
    std::shared_ptr<session_pool> pool_;
    sql::dialect dialect_;
};

} // namespace lightbox::sql
