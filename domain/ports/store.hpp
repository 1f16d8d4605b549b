#pragma once

#include "domain/ports/album_repository.hpp"
#include "domain/ports/asset_repository.hpp"
#include "domain/ports/credential_repository.hpp"
#include "domain/ports/event_log_repository.hpp"
#include "domain/ports/shared_link_repository.hpp"
#include "domain/ports/user_repository.hpp"

#include <functional>
#include <memory>

namespace lightbox {

/// One atomic change and the repositories that work inside it. Destroying it without
/// `commit()` undoes everything it did.
class unit_of_work {
public:
    virtual ~unit_of_work() = default;

    virtual user_repository& users() = 0;
    virtual credential_repository& credentials() = 0;
    virtual asset_repository& assets() = 0;
    virtual album_repository& albums() = 0;
    virtual shared_link_repository& shared_links() = 0;
    virtual event_log_repository& events() = 0;

    /// Makes the changes permanent. Where commits are grouped and a `deferred_durability`
    /// lives on this thread, returns once the changes are in the shared transaction and leaves
    /// the pending commit there; otherwise returns once they are durable. Throws (or the
    /// pending commit fails) when the changes could not be committed, or could not be made
    /// durable: either way nobody may be told they succeeded.
    virtual void commit() = 0;

    /// Runs `action` once this unit's changes are durable and visible to new readers, before
    /// its commit settles (before anyone waiting for it hears that it succeeded); never when
    /// the commit fails. Actions of successive commits run in commit order, one at a time, on
    /// a thread that commits: an action must never wait for a write of its own.
    virtual void after_commit(std::function<void()> action) = 0;
};

enum class access_mode { read, write };

/// Where entities live. `begin` blocks while the database is busy, so it is called from the
/// worker threads only.
class store {
public:
    virtual ~store() = default;

    virtual std::unique_ptr<unit_of_work> begin(access_mode mode) = 0;

    /// Waits until every unit of work committed so far is durable (or failed) and its
    /// after-commit actions have run: before what those actions use goes away.
    virtual void settle_all() = 0;
};

} // namespace lightbox
