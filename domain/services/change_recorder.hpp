#pragma once

#include "domain/events/event_journal.hpp"
#include "domain/services/views.hpp"

#include <string>
#include <vector>

namespace lightbox {

/// Records the events of album and link changes inside the change's transaction, including
/// the ripple: a change to an album is also a change to every link that shares it.
class change_recorder {
public:
    change_recorder(unit_of_work& work, event_journal& journal) : work_(work), journal_(journal) {}

    /// The owner and the users the album is shared with.
    std::vector<std::string> album_audience(const album& entity);

    /// `ids` are the assets or users added or removed; `also_tell` are users outside the
    /// audience who must hear of it (a user just removed).
    void album_changed(const album& entity, album_change change,
                       const std::vector<std::string>& ids = {},
                       const std::vector<std::string>& also_tell = {});
    void album_deleted(const album& entity, const std::vector<std::string>& audience,
                       const std::vector<shared_link>& links);

    void link_changed(const shared_link& link, link_change change,
                      const std::vector<std::string>& added_ids = {},
                      const std::vector<std::string>& removed_ids = {});
    /// As above, when the caller has built the link's view already: its album is taken from
    /// there instead of being read again.
    void link_changed(const shared_link_view& shown, link_change change,
                      const std::vector<std::string>& added_ids = {},
                      const std::vector<std::string>& removed_ids = {});
    void link_deleted(const shared_link& link);

private:
    /// Records the change with `view`'s link and album; its assets are not looked at.
    void record_link_change(shared_link_view view, link_change change,
                            const std::vector<std::string>& added_ids,
                            const std::vector<std::string>& removed_ids);

    unit_of_work& work_;
    event_journal& journal_;
};

} // namespace lightbox
