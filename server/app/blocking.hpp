#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <type_traits>
#include <utility>

namespace lightbox {

/// Runs blocking work (database, bcrypt, EXIF, disk) on `executor` — a worker pool or a
/// strand of it — and resumes the awaiting coroutine on its own executor with the result.
/// Exceptions travel back to the awaiting coroutine.
template <class Executor, class Work>
boost::asio::awaitable<std::invoke_result_t<Work&>> run_on(Executor executor, Work work) {
    using result = std::invoke_result_t<Work&>;
    co_return co_await boost::asio::co_spawn(
        executor,
        [work = std::move(work)]() mutable -> boost::asio::awaitable<result> { co_return work(); },
        boost::asio::use_awaitable);
}

} // namespace lightbox
