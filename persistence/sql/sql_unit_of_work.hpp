#pragma once

#include "domain/ports/store.hpp"
#include "persistence/repositories/sql_album_repository.hpp"
#include "persistence/repositories/sql_asset_repository.hpp"
#include "persistence/repositories/sql_credential_repository.hpp"
#include "persistence/repositories/sql_event_log_repository.hpp"
#include "persistence/repositories/sql_shared_link_repository.hpp"
#include "persistence/repositories/sql_user_repository.hpp"
#include "persistence/sql/session_pool.hpp"

#include <memory>

namespace lightbox::sql {

/// A transaction already begun on a pooled session. Destroying it without `commit()` rolls
/// the transaction back; either way the session then goes back to the pool.
class sql_unit_of_work final : public unit_of_work {
public:
    sql_unit_of_work(std::shared_ptr<session_pool> pool, session_pool::lease lease);
    ~sql_unit_of_work() override;

    user_repository& users() override { return users_; }
    credential_repository& credentials() override { return credentials_; }
    asset_repository& assets() override { return assets_; }
    album_repository& albums() override { return albums_; }
    shared_link_repository& shared_links() override { return shared_links_; }
    event_log_repository& events() override { return events_; }

    /// Throws when the database refuses the commit (a deferred constraint, a full disk);
    /// the transaction is then rolled back on destruction.
    void commit() override;

    soci::session& session() const { return lease_.session(); }

private:
    // Keeps the pool alive until the lease has handed the session back.
    std::shared_ptr<session_pool> pool_;
    session_pool::lease lease_;
    bool committed_ = false;

    sql_user_repository users_;
    sql_credential_repository credentials_;
    sql_asset_repository assets_;
    sql_album_repository albums_;
    sql_shared_link_repository shared_links_;
    sql_event_log_repository events_;
};

} // namespace lightbox::sql
