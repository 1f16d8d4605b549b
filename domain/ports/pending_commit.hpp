#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <vector>

namespace lightbox {

/// A commit that has been made but may not be durable yet: where commits are grouped, a unit
/// of work's changes reach the disk with those of the units around it, in one transaction.
class pending_commit {
public:
    virtual ~pending_commit() = default;

    /// Calls `done` once: with no error when the commit is durable, or with the error that
    /// failed it (its changes are then gone). At once when that is already settled;
    /// otherwise later, on the thread that settles it.
    virtual void when_settled(std::function<void(std::exception_ptr)> done) = 0;
};

/// While one of these lives on a thread, a unit of work committed on that thread returns
/// before its commit is durable and leaves the pending commit here, so that whoever runs the
/// work can wait for it without holding the thread. Without one, `commit()` waits.
class deferred_durability {
public:
    deferred_durability();
    ~deferred_durability();
    deferred_durability(const deferred_durability&) = delete;
    deferred_durability& operator=(const deferred_durability&) = delete;

    /// The innermost one on this thread, or null.
    static deferred_durability* on_this_thread();

    void add(std::shared_ptr<pending_commit> commit) { commits_.push_back(std::move(commit)); }
    /// The commits to wait for, in the order they were made; empty when there were none.
    std::vector<std::shared_ptr<pending_commit>> take() { return std::move(commits_); }

private:
    deferred_durability* outer_;
    std::vector<std::shared_ptr<pending_commit>> commits_;
};

} // namespace lightbox
