#pragma once

#include "persistence/repositories/sql_album_repository.hpp"
#include "persistence/repositories/sql_asset_repository.hpp"
#include "persistence/repositories/sql_credential_repository.hpp"
#include "persistence/repositories/sql_event_log_repository.hpp"
#include "persistence/repositories/sql_shared_link_repository.hpp"
#include "persistence/repositories/sql_user_repository.hpp"

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

} // namespace lightbox::sql
