#include "persistence/sql/session_pool.hpp"

#include <stdexcept>
#include <utility>

namespace lightbox::sql {

session_pool::lease::lease(session_pool& pool, std::unique_ptr<soci::session> session)
    : pool_(&pool), session_(std::move(session)) {}

session_pool::lease::lease(lease&& other) noexcept
    : pool_(other.pool_), session_(std::move(other.session_)) {}

session_pool::lease::~lease() {
    if (session_) {
        pool_->give_back(std::move(session_));
    }
}

void session_pool::lease::discard() noexcept {
    if (session_) {
        session_.reset();
        pool_->forget_one();
    }
}

session_pool::session_pool(opener open, std::size_t capacity)
    : open_(std::move(open)), capacity_(capacity) {
    if (capacity_ == 0) {
        throw std::invalid_argument("the session pool needs room for at least one session");
    }
    // Room for every session up front, so that handing one back never allocates.
    idle_.reserve(capacity_);
    idle_.push_back(open_());
    open_count_ = 1;
}

session_pool::lease session_pool::acquire() {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_count_ < capacity_; });
    if (!idle_.empty()) {
        auto session = std::move(idle_.back());
        idle_.pop_back();
        return lease(*this, std::move(session));
    }

    // Open outside the lock: connecting can take long and others may return sessions.
    ++open_count_;
    lock.unlock();
    try {
        return lease(*this, open_());
    } catch (...) {
        forget_one();
        throw;
    }
}

void session_pool::give_back(std::unique_ptr<soci::session> session) noexcept {
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(session));
    }
    returned_.notify_one();
}

void session_pool::forget_one() noexcept {
    {
        const std::lock_guard lock(mutex_);
        --open_count_;
    }
    returned_.notify_one();
}

} // namespace lightbox::sql
