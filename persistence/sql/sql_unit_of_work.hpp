#pragma once

#include "domain/ports/store.hpp"
#include "persistence/sql/session_pool.hpp"
#include "persistence/sql/sql_repositories.hpp"

#include <memory>

namespace lightbox::sql {

/// A transaction of its own, already begun on a pooled session: the readers' unit of work,
/// and the schema migration's. Destroying it without `commit()` rolls the transaction back;
/// either way the session then goes back to the pool.
class sql_unit_of_work final : public session_unit_of_work {
public:
    sql_unit_of_work(std::shared_ptr<session_pool> pool, session_pool::lease lease);
    ~sql_unit_of_work() override;

    /// Throws when the database refuses the commit (a deferred constraint, a full disk);
    /// the transaction is then rolled back on destruction. Durable when it returns.
    void commit() override;

    soci::session& session() const { return lease_.session(); }

private:
    // Keeps the pool alive until the lease has handed the session back.
    std::shared_ptr<session_pool> pool_;
    session_pool::lease lease_;
    bool committed_ = false;
};

} // namespace lightbox::sql
