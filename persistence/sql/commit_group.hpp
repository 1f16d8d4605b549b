#pragma once

#include "domain/ports/store.hpp"
#include "persistence/sql/dialect.hpp"

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace lightbox::sql {

/// Group commit: every write unit of work runs on one writer session, inside one shared
/// transaction, each between its own savepoint and its release (so a unit that fails undoes
/// only itself). A committer thread commits the shared transaction whenever units have
/// released into it, makes the commit durable, runs the units' after-commit actions and only
/// then settles their pending commits, which is when their callers may acknowledge them.
/// Units that arrive meanwhile go into the next transaction, so many writes share one commit
/// and one flush to disk, and no acknowledged write is ever lost.
///
/// On SQLite the writer session commits without syncing and `flush` syncs the write-ahead
/// log afterwards, outside the writer's lock, so the next units run while the disk works.
class commit_group {
public:
    using opener = std::function<std::unique_ptr<soci::session>()>;

    struct totals {
        /// Units of work committed, and the commits they shared.
        std::uint64_t units = 0;
        std::uint64_t commits = 0;
    };

    /// `flush` makes a commit durable; empty where COMMIT itself does (PostgreSQL).
    commit_group(opener open, sql::dialect dialect, std::function<void()> flush);
    /// Commits what was released and stops the committer.
    ~commit_group();
    commit_group(const commit_group&) = delete;
    commit_group& operator=(const commit_group&) = delete;

    /// Waits for the writer session, which the unit keeps until it commits or is destroyed.
    std::unique_ptr<unit_of_work> begin();
    /// Returns once every unit committed so far has settled.
    void settle_all();

    totals counted() const { return {units_.load(), commits_.load()}; }

private:
    class batch;
    class grouped_unit;

    std::shared_ptr<batch> released(std::vector<std::function<void()>> actions);
    void abandoned(bool undone);
    void wake_committer();
    void run_committer();
    void commit_open_batch();

    opener open_;
    sql::dialect dialect_;
    std::function<void()> flush_;

    /// Held by the unit of work that is writing, or by the committer while it commits.
    std::mutex writer_;
    std::unique_ptr<soci::session> session_;
    bool transaction_open_ = false;
    /// A unit could not undo its changes: the shared transaction must not commit, and no
    /// unit may begin until the committer has rolled it back.
    bool doomed_ = false;
    std::condition_variable undoomed_;
    std::shared_ptr<batch> open_batch_;
    /// The batch a unit last released into: batches settle in order, so once it has, all have.
    std::shared_ptr<batch> last_released_;

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool something_to_commit_ = false;
    bool stopping_ = false;

    std::atomic<std::uint64_t> units_{0};
    std::atomic<std::uint64_t> commits_{0};
    std::thread committer_;
};

} // namespace lightbox::sql
