#pragma once

#include "domain/ports/album_repository.hpp"
#include "domain/ports/asset_repository.hpp"
#include "domain/ports/credential_repository.hpp"
#include "domain/ports/event_log_repository.hpp"
#include "domain/ports/shared_link_repository.hpp"
#include "domain/ports/user_repository.hpp"

#include <memory>

namespace lightbox {

/// One database transaction and the repositories that work inside it. Destroying it
/// without `commit()` rolls the transaction back.
class unit_of_work {
public:
    virtual ~unit_of_work() = default;

    virtual user_repository& users() = 0;
    virtual credential_repository& credentials() = 0;
    virtual asset_repository& assets() = 0;
    virtual album_repository& albums() = 0;
    virtual shared_link_repository& shared_links() = 0;
    virtual event_log_repository& events() = 0;

    virtual void commit() = 0;
};

enum class access_mode { read, write };

/// Where entities live. `begin` blocks while the database is busy, so it is called from the
/// worker threads only.
class store {
public:
    virtual ~store() = default;

    virtual std::unique_ptr<unit_of_work> begin(access_mode mode) = 0;
};

} // namespace lightbox
