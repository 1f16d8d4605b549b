#pragma once

#include "domain/events/event_journal.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/caller.hpp"
#include "domain/services/views.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

struct new_album {
    std::string album_name;
    std::string description;
    std::vector<std::string> shared_with_user_ids;
    std::vector<std::string> asset_ids;
};

struct album_patch {
    std::optional<std::string> album_name;
    std::optional<std::string> description;
    std::optional<std::string> album_thumbnail_asset_id;
};

/// Which albums `GET /album` lists.
struct album_query {
    /// Unset: the caller's own. True: shared with the caller, or the caller's shared ones.
    /// False: the caller's albums shared with nobody.
    std::optional<bool> shared;
    /// Albums the caller can see that hold this asset; overrides `shared`.
    std::optional<std::string> asset_id;
};

/// Albums, their assets and the users they are shared with. Every call may block: run it on
/// a worker thread.
class album_service {
public:
    explicit album_service(store& db, event_journal& events = event_journal::none())
        : db_(db), events_(events) {}

    album_view create(const caller& who, const new_album& request);
    std::vector<album_view> list(const caller& who, const album_query& query);
    album_view get(const caller& who, const std::string& id, bool with_assets);
    album_view update(const caller& who, const std::string& id, const album_patch& patch);
    void remove(const caller& who, const std::string& id);

    std::vector<asset_id_result> add_assets(const caller& who, const std::string& id,
                                            const std::vector<std::string>& asset_ids);
    std::vector<asset_id_result> remove_assets(const caller& who, const std::string& id,
                                               const std::vector<std::string>& asset_ids);
    album_view add_users(const caller& who, const std::string& id,
                         const std::vector<std::string>& user_ids);
    /// `user_id` may be `me`.
    void remove_user(const caller& who, const std::string& id, const std::string& user_id);

private:
    store& db_;
    event_journal& events_;
};

} // namespace lightbox
