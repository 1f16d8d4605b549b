#pragma once

#include "domain/events/event_journal.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/caller.hpp"
#include "domain/services/views.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lightbox {

struct new_shared_link {
    shared_link_type type = shared_link_type::individual;
    std::vector<std::string> asset_ids;
    std::optional<std::string> album_id;
    std::optional<std::string> description;
    std::optional<timestamp> expires_at;
    bool allow_upload = false;
    bool allow_download = true;
    bool show_exif = true;
};

/// A partial update: an absent field keeps its value; a present empty optional clears it.
struct shared_link_patch {
    std::optional<std::optional<std::string>> description;
    std::optional<std::optional<timestamp>> expires_at;
    std::optional<bool> allow_upload;
    std::optional<bool> allow_download;
    std::optional<bool> show_exif;
};

/// Shared links: creating them, reading them as their owner or as a guest holding the key,
/// and changing them. Mutations of one link must be serialised by the caller (the server
/// runs them on the link's own strand). Every call may block: run it on a worker thread.
class shared_link_service {
public:
    explicit shared_link_service(store& db, event_journal& events = event_journal::none())
        : db_(db), events_(events) {}

    shared_link_view create(const caller& who, const new_shared_link& request);
    std::vector<shared_link_view> list(const caller& who);
    /// The link a guest's key opened.
    shared_link_view get_mine(const caller& who);
    shared_link_view get(const caller& who, const std::string& id);
    shared_link_view update(const caller& who, const std::string& id,
                            const shared_link_patch& patch);
    void remove(const caller& who, const std::string& id);
    std::vector<asset_id_result> add_assets(const caller& who, const std::string& id,
                                            const std::vector<std::string>& asset_ids);
    std::vector<asset_id_result> remove_assets(const caller& who, const std::string& id,
                                               const std::vector<std::string>& asset_ids);

private:
    store& db_;
    event_journal& events_;
};

} // namespace lightbox
