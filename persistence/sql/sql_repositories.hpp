#pragma once

#include "domain/ports/store.hpp"
#include "persistence/repositories/sql_album_repository.hpp"
#include "persistence/repositories/sql_asset_repository.hpp"
#include "persistence/repositories/sql_credential_repository.hpp"
#include "persistence/repositories/sql_event_log_repository.hpp"
#include "persistence/repositories/sql_shared_link_repository.hpp"
#include "persistence/repositories/sql_user_repository.hpp"

#include <functional>
#include <utility>
#include <vector>

namespace lightbox::sql {

/// Every repository, working on one session: what a unit of work hands out.
struct sql_repositories {
    explicit sql_repositories(soci::session& session)
        : users(session), credentials(session), assets(session), albums(session),
          shared_links(session), events(session) {}

    sql_user_repository users;
    sql_credential_repository credentials;
    sql_asset_repository assets;
    sql_album_repository albums;
    sql_shared_link_repository shared_links;
    sql_event_log_repository events;
};

/// A unit of work whose repositories all work on one session, and which keeps the actions
/// to run after its commit; each kind of unit says how it begins, commits and ends.
class session_unit_of_work : public unit_of_work {
public:
    explicit session_unit_of_work(soci::session& session) : repositories_(session) {}

    user_repository& users() override { return repositories_.users; }
    credential_repository& credentials() override { return repositories_.credentials; }
    asset_repository& assets() override { return repositories_.assets; }
    album_repository& albums() override { return repositories_.albums; }
    shared_link_repository& shared_links() override { return repositories_.shared_links; }
    event_log_repository& events() override { return repositories_.events; }

    void after_commit(std::function<void()> action) override {
        after_commit_.push_back(std::move(action));
    }

protected:
    std::vector<std::function<void()>> take_after_commit() { return std::move(after_commit_); }

private:
    sql_repositories repositories_;
    std::vector<std::function<void()>> after_commit_;
};

} // namespace lightbox::sql
