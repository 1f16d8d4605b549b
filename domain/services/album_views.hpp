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

/// Loads what an album response shows, with a fixed number of queries. Only `full` reads
/// the assets; the other details take their figures from one aggregate query.
album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail);

/// As above, with figures the caller already has from assets it read for itself, so that
/// nothing is read twice. The asset list of a `full` view is left for the caller to fill.
album_view make_album_view(unit_of_work& work, const album& entity, album_detail detail,
                           const album_asset_figures& figures);

/// The figures of an album from its assets, oldest `file_created_at` first as
/// `album_repository::assets` returns them.
album_asset_figures figures_of(const std::vector<asset>& oldest_first);

/// Owner of the album, for views built from a list.
user album_owner(unit_of_work& work, const album& entity);

} // namespace lightbox
