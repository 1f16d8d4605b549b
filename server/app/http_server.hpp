#pragma once

#include "server/app/app_context.hpp"
#include "server/app/settings.hpp"
#include "server/http/connection.hpp"
#include "server/http/router.hpp"
#include "server/realtime/event_log_trimmer.hpp"
#include "server/realtime/socket_hub.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <thread>
#include <vector>

namespace lightbox {

/// The whole server: the database, the worker pool, the routes and the I/O threads that
/// accept and serve connections.
class http_server {
public:
    /// Opens (and migrates) the database; throws when it cannot.
    explicit http_server(settings config);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    /// Binds and starts serving; returns the bound port (useful with port 0).
    unsigned short start();
    /// Stops accepting, closes idle connections and every socket, lets in-flight requests
    /// finish (up to the grace period) and then stops. Safe to call from any thread, more
    /// than once.
    void stop();
    /// Blocks until the server has stopped.
    void wait();
    /// Stops on SIGINT or SIGTERM.
    void stop_on_signals();

    app_context& context() { return *app_; }
    socket_hub& sockets() { return hub_; }

private:
    net::awaitable<void> accept_connections();
    net::awaitable<void> drain_and_stop();

    settings config_;
    net::io_context io_;
    net::thread_pool workers_;
    /// Before the application, whose event journal publishes to it.
    socket_hub hub_;
    std::unique_ptr<app_context> app_;
    event_log_trimmer trimmer_;
    router routes_;
    connection_limits limits_;
    connection_tracker tracker_;
    net::ip::tcp::acceptor acceptor_;
    std::vector<std::thread> io_threads_;
    std::atomic<bool> stopping_{false};
};

} // namespace lightbox
