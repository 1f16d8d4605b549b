#include "persistence/sql/commit_group.hpp"

#include "domain/ports/pending_commit.hpp"
#include "persistence/sql/sql_repositories.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

namespace lightbox::sql {

/// The units of work that share one commit, and those waiting to hear how it went.
class commit_group::batch final : public pending_commit {
public:
    void when_settled(std::function<void(std::exception_ptr)> done) override {
        std::unique_lock lock(mutex_);
        if (!settled_) {
            waiters_.push_back(std::move(done));
            return;
        }
        const auto failure = failure_;
        lock.unlock();
        done(failure);
    }

    void wait() {
        std::unique_lock lock(mutex_);
        settled_cv_.wait(lock, [this] { return settled_; });
        if (failure_) {
            std::rethrow_exception(failure_);
        }
    }

    void settle(std::exception_ptr failure) {
        std::vector<std::function<void(std::exception_ptr)>> waiters;
        {
            const std::lock_guard lock(mutex_);
            settled_ = true;
            failure_ = failure;
            waiters.swap(waiters_);
        }
        settled_cv_.notify_all();
        for (auto& done : waiters) {
            done(failure);
        }
    }

    // Written by the units holding the writer, read by the committer once it holds it.
    std::vector<std::function<void()>> actions;
    std::uint64_t units = 0;

private:
    std::mutex mutex_;
    std::condition_variable settled_cv_;
    bool settled_ = false;
    std::exception_ptr failure_;
    std::vector<std::function<void(std::exception_ptr)>> waiters_;
};

/// One unit of work inside the shared transaction, between its savepoint and the release of
/// it. It holds the writer from its start until it commits or is destroyed.
class commit_group::grouped_unit final : public session_unit_of_work {
public:
    grouped_unit(commit_group& group, std::unique_lock<std::mutex> turn)
        : session_unit_of_work(*group.session_), group_(group), turn_(std::move(turn)) {}

    ~grouped_unit() override {
        if (committed_) {
            return;
        }
        bool undone = true;
        try {
            *group_.session_ << "ROLLBACK TO SAVEPOINT unit_of_work";
            *group_.session_ << "RELEASE SAVEPOINT unit_of_work";
        } catch (const std::exception&) {
            // SQLite may already have rolled back the whole transaction after an I/O error.
            undone = false;
        }
        group_.abandoned(undone);
    }

    void commit() override {
        if (committed_) {
            throw std::logic_error("the unit of work is already committed");
        }
        *group_.session_ << "RELEASE SAVEPOINT unit_of_work";
        committed_ = true;
        auto settles = group_.released(take_after_commit());
        turn_.unlock();

        if (auto* deferred = deferred_durability::on_this_thread()) {
            deferred->add(std::move(settles));
        } else {
            settles->wait();
        }
    }

private:
    commit_group& group_;
    std::unique_lock<std::mutex> turn_;
    bool committed_ = false;
};

commit_group::commit_group(opener open, sql::dialect dialect, std::function<void()> flush)
    : open_(std::move(open)), dialect_(dialect), flush_(std::move(flush)),
      session_(open_()), open_batch_(std::make_shared<batch>()),
      committer_([this] { run_committer(); }) {}

commit_group::~commit_group() {
    {
        const std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    committer_.join();
}

std::unique_ptr<unit_of_work> commit_group::begin() {
    std::unique_lock turn(writer_);
    // Nothing joins a doomed transaction: SQLite may already have rolled it back, and a
    // savepoint outside a transaction would begin and then commit one of its own, unflushed.
    undoomed_.wait(turn, [this] { return !doomed_; });
    if (!transaction_open_) {
        try {
            if (!session_) {
                session_ = open_();
            }
            if (dialect_ == dialect::sqlite) {
                // Takes the write lock at once rather than at the first write, which SQLite
                // would refuse outright if another process held it by then.
                *session_ << "BEGIN IMMEDIATE";
            } else {
                *session_ << "BEGIN";
                // Writers of other processes sharing the database queue here.
                *session_ << "SELECT pg_advisory_xact_lock(2283)";
            }
        } catch (const std::exception&) {
            // A busy database or a lost connection: the next unit starts on a fresh session.
            session_.reset();
            throw;
        }
        transaction_open_ = true;
    }
    try {
        *session_ << "SAVEPOINT unit_of_work";
    } catch (const std::exception&) {
        abandoned(true);
        throw;
    }
    return std::make_unique<grouped_unit>(*this, std::move(turn));
}

void commit_group::settle_all() {
    std::shared_ptr<batch> last;
    {
        const std::lock_guard turn(writer_);
        last = last_released_;
    }
    if (!last) {
        return;
    }
    wake_committer();
    try {
        last->wait();
    } catch (const std::exception&) {
        // Its units' callers hear of the failure; settling is all that was asked.
    }
}

std::shared_ptr<commit_group::batch>
commit_group::released(std::vector<std::function<void()>> actions) {
    auto& joined = *open_batch_;
    for (auto& action : actions) {
        joined.actions.push_back(std::move(action));
    }
    ++joined.units;
    last_released_ = open_batch_;
    wake_committer();
    return open_batch_;
}

void commit_group::abandoned(bool undone) {
    if (!undone) {
        doomed_ = true;
        wake_committer();
        return;
    }
    if (doomed_ || open_batch_->units > 0) {
        return;
    }
    // Nothing else is in the shared transaction: end it rather than keep the write lock.
    try {
        *session_ << "ROLLBACK";
        transaction_open_ = false;
    } catch (const std::exception&) {
        doomed_ = true;
        wake_committer();
    }
}

void commit_group::wake_committer() {
    {
        const std::lock_guard lock(wake_mutex_);
        something_to_commit_ = true;
    }
    wake_.notify_one();
}

void commit_group::run_committer() {
    for (;;) {
        {
            std::unique_lock lock(wake_mutex_);
            wake_.wait(lock, [this] { return something_to_commit_ || stopping_; });
            if (!something_to_commit_) {
                return;
            }
            something_to_commit_ = false;
        }
        commit_open_batch();
    }
}

void commit_group::commit_open_batch() {
    std::shared_ptr<batch> done;
    std::exception_ptr failure;
    bool committed = false;
    {
        const std::lock_guard turn(writer_);
        if (!transaction_open_) {
            doomed_ = false;
            undoomed_.notify_all();
            return;
        }
        done = std::exchange(open_batch_, std::make_shared<batch>());
        try {
            if (doomed_) {
                throw std::runtime_error("a write could not be undone, so the writes committed "
                                         "with it were rolled back");
            }
            *session_ << "COMMIT";
            committed = true;
        } catch (const std::exception&) {
            failure = std::current_exception();
            try {
                *session_ << "ROLLBACK";
            } catch (const std::exception&) {
                session_.reset();
            }
        }
        transaction_open_ = false;
        doomed_ = false;
    }
    undoomed_.notify_all();

    if (committed && flush_) {
        try {
            flush_();
        } catch (const std::exception&) {
            // Committed and visible, but not known to be on disk: nobody is told it succeeded.
            failure = std::current_exception();
        }
    }
    if (committed) {
        // Readers see the commit already, so what hangs off it (cache invalidation, events)
        // happens whether or not the flush worked.
        for (auto& action : done->actions) {
            try {
                action();
            } catch (const std::exception&) {
                // One action failing must not keep the others or the settling from happening.
            }
        }
        units_ += done->units;
        ++commits_;
    }
    done->settle(failure);
}

} // namespace lightbox::sql
