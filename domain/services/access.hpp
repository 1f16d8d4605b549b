#pragma once

#include "domain/entities/album.hpp"
#include "domain/entities/asset.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/caller.hpp"

namespace lightbox {

/// Who may see what. A guest sees exactly its link: the link's own assets and, for an
/// album link, that album and its assets. A user sees what they own and the albums shared
/// with them.
class access_rules {
public:
    explicit access_rules(unit_of_work& work) : work_(work) {}

    bool can_read_album(const caller& who, const album& a);
    bool can_read_asset(const caller& who, const asset& a);
    /// Reading plus the link's download right for guests.
    bool can_download_asset(const caller& who, const asset& a);

private:
    bool link_contains(const shared_link& link, const std::string& asset_id);

    unit_of_work& work_;
};

} // namespace lightbox
