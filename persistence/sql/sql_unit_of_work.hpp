#pragma once

#include "domain/ports/store.hpp"
#include "persistence/sql/session_pool.hpp"
#include "persistence/sql/sql_repositories.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace lightbox::sql {

/// A transaction of its own, already begun on a pooled session: the readers' unit of work,
/// and the schema migration's. Destroying it without `commit()` rolls the transaction back;
/// either way the session then goes back to the pool.
class sql_unit_of_work final : public unit_of_work {
public:
    sql_unit_of_work(std::shared_ptr<session_pool> pool, session_pool::lease lease);
    ~sql_unit_of_work() override;

    user_repository& users() override { return repositories_.users; }
    credential_repository& credentials() override { return repositories_.credentials; }
    asset_repository& assets() override { return repositories_.assets; }
    album_repository& albums() override { return repositories_.albums; }
    shared_link_repository& shared_links() override { return repositories_.shared_links; }
    event_log_repository& events() override { return repositories_.events; }

    /// Throws when the database refuses the commit (a deferred constraint, a full disk);
    /// the transaction is then rolled back on destruction. Durable when it returns.
    void commit() override;
    void after_commit(std::function<void()> action) override;

    soci::session& session() const { return lease_.session(); }

private:
    // Keeps the pool alive until the lease has handed the session back.
    std::shared_ptr<session_pool> pool_;
    session_pool::lease lease_;
    bool committed_ = false;
    sql_repositories repositories_;
    std::vector<std::function<void()>> after_commit_;
};

} // namespace lightbox::sql
