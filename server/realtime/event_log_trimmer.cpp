#include "server/realtime/event_log_trimmer.hpp"

#include "server/app/blocking.hpp"
#include "server/app/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace lightbox {

namespace {

constexpr auto trim_interval = std::chrono::seconds(60);

} // namespace

event_log_trimmer::event_log_trimmer(net::io_context& io, app_context& app)
    : app_(app), strand_(net::make_strand(io)), timer_(strand_) {}

void event_log_trimmer::start() {
    net::co_spawn(strand_, run(), [](std::exception_ptr failure) {
        if (!failure) {
            return;
        }
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& error) {
            log_error("event log trimming stopped").field("error", loggable_error(error));
        }
    });
}

void event_log_trimmer::stop() {
    net::post(strand_, [this] {
        stopped_ = true;
        timer_.cancel();
    });
}

net::awaitable<void> event_log_trimmer::run() {
    while (!stopped_) {
        co_await run_on(app_.workers.get_executor(), [this] { trim_once(); });
        if (stopped_) {
            co_return;
        }
        timer_.expires_after(trim_interval);
        co_await timer_.async_wait(net::as_tuple(net::use_awaitable));
    }
}

void event_log_trimmer::trim_once() {
    try {
        auto work = app_.db->begin(access_mode::write);
        work->events().trim(now() - app_.config.event_log_max_age,
                            app_.config.event_log_max_events);
        work->commit();
    } catch (const std::exception& error) {
        // The next round tries again; until then the log only grows a little longer.
        log_warn("event log trim failed").field("error", loggable_error(error));
    }
}

} // namespace lightbox
