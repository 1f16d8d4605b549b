#pragma once

#include "server/app/app_context.hpp"
#include "server/http/net.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace lightbox {

/// Keeps the durable event log within its age and size limits: trims it once at start and
/// then every minute, on the worker pool.
class event_log_trimmer {
public:
    event_log_trimmer(net::io_context& io, app_context& app);

    void start();
    /// Safe from any thread; a trim already running on a worker still completes.
    void stop();

private:
    net::awaitable<void> run();
    void trim_once();

    app_context& app_;
    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer timer_;
    bool stopped_ = false;
};

} // namespace lightbox
