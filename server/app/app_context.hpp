#pragma once

#include "domain/events/event_journal.hpp"
#include "domain/events/event_subscriber.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/account_service.hpp"
#include "domain/services/album_service.hpp"
#include "domain/services/asset_service.hpp"
#include "domain/services/shared_link_service.hpp"
#include "persistence/media/exiv2_exif_reader.hpp"
#include "persistence/media/exiv2_metadata_stripper.hpp"
#include "server/app/link_strands.hpp"
#include "server/app/link_view_cache.hpp"
#include "server/app/settings.hpp"
#include "server/realtime/event_encoder.hpp"

#include <boost/asio/thread_pool.hpp>

#include <memory>

namespace lightbox {

/// The services and resources every route handler works with. Committed changes go to
/// `subscriber` (the sockets) through the journal.
struct app_context {
    app_context(settings config, std::shared_ptr<store> database,
                boost::asio::thread_pool& worker_pool, event_subscriber& subscriber)
        : config(std::move(config)), db(std::move(database)), workers(worker_pool),
          journal(*db, encoder, subscriber), accounts(*db, journal),
          assets(*db, exif, this->config.data_dir / "upload", journal), albums(*db, journal),
          links(*db, journal), strands(worker_pool) {
        journal.add_listener(link_views);
    }
    /// The last commits' after-commit actions use the journal and the caches.
    ~app_context() { db->settle_all(); }
    app_context(const app_context&) = delete;
    app_context& operator=(const app_context&) = delete;

    settings config;
    std::shared_ptr<store> db;
    boost::asio::thread_pool& workers;
    exiv2_exif_reader exif;
    exiv2_metadata_stripper stripper;
    json_event_encoder encoder;
    /// Links' views and guests' keys, kept serialised; the journal drops entries as changes
    /// commit.
    link_view_cache link_views;
    /// Before the services, which record their changes in it.
    event_journal journal;
    account_service accounts;
    asset_service assets;
    album_service albums;
    shared_link_service links;
    link_strands strands;

    std::filesystem::path staging_dir() const { return config.data_dir / "staging"; }
};

} // namespace lightbox
