#pragma once

#include "domain/ports/store.hpp"
#include "domain/services/account_service.hpp"
#include "domain/services/album_service.hpp"
#include "domain/services/asset_service.hpp"
#include "domain/services/shared_link_service.hpp"
#include "persistence/media/exiv2_exif_reader.hpp"
#include "persistence/media/exiv2_metadata_stripper.hpp"
#include "server/app/link_strands.hpp"
#include "server/app/settings.hpp"

#include <boost/asio/thread_pool.hpp>

#include <memory>

namespace lightbox {

/// The services and resources every route handler works with.
struct app_context {
    app_context(settings config, std::shared_ptr<store> database,
                boost::asio::thread_pool& worker_pool)
        : config(std::move(config)), db(std::move(database)), workers(worker_pool),
          accounts(*db), assets(*db, exif, this->config.data_dir / "upload"), albums(*db),
          links(*db), strands(worker_pool) {}

    settings config;
    std::shared_ptr<store> db;
    boost::asio::thread_pool& workers;
    exiv2_exif_reader exif;
    exiv2_metadata_stripper stripper;
    account_service accounts;
    asset_service assets;
    album_service albums;
    shared_link_service links;
    link_strands strands;

    std::filesystem::path staging_dir() const { return config.data_dir / "staging"; }
};

} // namespace lightbox
