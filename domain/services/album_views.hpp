#pragma once

#include "domain/ports/store.hpp"
#include "domain/services/views.hpp"

namespace lightbox {

enum class album_detail {
    /// Counts, dates and sharing, no asset list: album lists.
    summary,
    /// Everything, assets newest first: `GET /album/:id`.
    full,
    /// As Immich shows an album inside a shared link: owner, count and dates only; no
    /// assets, no shared users, sharing flags false.
    in_shared_link,
};

/// Loads what an album response shows, with a fixed number of queries.
album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail);

/// Owner of the album, for views built from a list.
user album_owner(unit_of_work& work, const album& entity);

} // namespace lightbox
