#pragma once

#include "domain/ports/pending_commit.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace lightbox {

/// Resumes the awaiting coroutine, on its own executor, once `commit` is durable; throws
/// the error that failed it instead. The worker that made the commit is free meanwhile.
/// `commit` must outlive the wait.
inline boost::asio::awaitable<void> settled(pending_commit& commit) {
    // Named, and capturing only a reference: GCC 12 destroys non-trivial temporaries of a
    // co_await expression twice.
    const auto initiation = [&commit](auto handler) {
        // Shared: std::function needs a copyable target, the handler moves only.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        commit.when_settled([shared](std::exception_ptr failure) {
            auto executor = boost::asio::get_associated_executor(*shared);
            boost::asio::post(executor, [shared, failure] { (*shared)(failure); });
        });
    };
    co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>,
                                         void(std::exception_ptr)>(initiation,
                                                                   boost::asio::use_awaitable);
}

/// What blocking work returned, and the commits it left to wait for.
template <class Result>
struct deferred_outcome {
    std::optional<Result> value;
    std::vector<std::shared_ptr<pending_commit>> commits;
};

/// Calls `work` with commits deferred, on the calling thread's stack: the deferral must not
/// outlive the call, nor move to another thread with a coroutine frame.
template <class Work>
auto call_deferring_commits(Work& work) {
    using result = std::invoke_result_t<Work&>;
    deferred_durability deferred;
    if constexpr (std::is_void_v<result>) {
        work();
        return deferred_outcome<bool>{true, deferred.take()};
    } else {
        deferred_outcome<result> outcome{std::optional<result>(work()), {}};
        outcome.commits = deferred.take();
        return outcome;
    }
}

/// Runs blocking work (database, bcrypt, EXIF, disk) on `executor` — a worker pool or a
/// strand of it — and resumes the awaiting coroutine on its own executor with the result.
/// Exceptions travel back to the awaiting coroutine. Changes the work committed are durable
/// before the result is returned; the worker does not wait for that.
template <class Executor, class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> run_on(Executor executor, Work work) {
    using outcome = decltype(call_deferring_commits(work));
    auto made = co_await boost::asio::co_spawn(
        executor,
        [work = std::move(work)]() mutable -> boost::asio::awaitable<outcome> {
            co_return call_deferring_commits(work);
        },
        boost::asio::use_awaitable);
    for (const auto& commit : made.commits) {
        co_await settled(*commit);
    }
    if constexpr (!std::is_void_v<std::invoke_result_t<Work&>>) {
        co_return std::move(*made.value);
    }
}

} // namespace lightbox
