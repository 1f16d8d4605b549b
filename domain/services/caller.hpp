#pragma once

#include "domain/entities/shared_link.hpp"
#include "domain/entities/user.hpp"

#include <optional>
#include <string>

namespace lightbox {

/// Who is making a request. A guest holds a shared-link key: it acts for the link's owner,
/// within what the link allows.
struct caller {
    /// The signed-in user, or the owner of the link a guest opened.
    user actor;
    /// Set for guests only.
    std::optional<shared_link> link;
    /// Set when the caller signed in with a session token.
    std::optional<std::string> session_id;

    bool is_guest() const { return link.has_value(); }
    const std::string& id() const { return actor.id; }
};

} // namespace lightbox
