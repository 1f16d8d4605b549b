#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace lightbox::sql {

/// A bounded set of open database sessions shared by the worker threads. `acquire` hands
/// out an idle session, opens a new one while fewer than `capacity` exist, and otherwise
/// waits until one is returned.
class session_pool {
public:
    using opener = std::function<std::unique_ptr<soci::session>()>;

    /// Hands a session back to its pool when it goes out of scope.
    class lease {
    public:
        lease(session_pool& pool, std::unique_ptr<soci::session> session);
        lease(lease&& other) noexcept;
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease();

        soci::session& session() const { return *session_; }
        /// Closes the session instead of returning it, for one left in an unknown state.
        void discard() noexcept;

    private:
        session_pool* pool_;
        std::unique_ptr<soci::session> session_;
    };

    /// Opens one session at once, so that a database that cannot be reached fails here.
    session_pool(opener open, std::size_t capacity);

    lease acquire();

private:
    void give_back(std::unique_ptr<soci::session> session) noexcept;
    void forget_one() noexcept;

    opener open_;
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<soci::session>> idle_;
    /// Sessions that exist, idle or leased.
    std::size_t open_count_ = 0;
};

} // namespace lightbox::sql
