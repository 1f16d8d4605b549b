#include "server/app/http_server.hpp"

#include "persistence/open_store.hpp"
#include "server/app/api.hpp"
#include "server/app/log.hpp"
#include "server/realtime/socket_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace lightbox {

namespace {

std::shared_ptr<store> open_database(const settings& config) {
    // Uploads in progress when the last process stopped (or crashed) will never finish.
    std::error_code ignored;
    std::filesystem::remove_all(config.data_dir / "staging", ignored);
    std::filesystem::create_directories(config.data_dir / "staging");
    std::filesystem::create_directories(config.data_dir / "upload");
    return open_store({config.effective_database_url(), config.effective_worker_threads()});
}

void log_failure(std::exception_ptr failure, const char* what) {
    if (!failure) {
        return;
    }
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& error) {
        log_error(what).field("error", loggable_error(error));
    }
}

} // namespace

http_server::http_server(settings config)
    : config_(std::move(config)), io_(static_cast<int>(config_.io_threads)),
      workers_(config_.effective_worker_threads()),
      hub_({config_.socket_ping_interval, config_.socket_ping_timeout,
            config_.socket_queue_limit}),
      app_(std::make_unique<app_context>(config_, open_database(config_), workers_, hub_)),
      trimmer_(io_, *app_), routes_(make_api_routes(*app_)),
      limits_{config_.max_header_bytes, config_.max_body_bytes, config_.max_upload_bytes,
              config_.idle_timeout,     config_.request_timeout, config_.api_prefix},
      acceptor_(io_) {
    // A deleted user's sockets, and those of guests of the user's links, are closed.
    app_->journal.add_listener(hub_);
}

http_server::~http_server() {
    stop();
    wait();
}

unsigned short http_server::start() {
    const net::ip::tcp::endpoint endpoint{net::ip::make_address(config_.listen_address),
                                          config_.port};
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    const auto port = acceptor_.local_endpoint().port();

    net::co_spawn(io_, accept_connections(), [](std::exception_ptr failure) {
        log_failure(failure, "accept loop failed");
    });
    trimmer_.start();
    for (unsigned i = 0; i < config_.io_threads; ++i) {
        io_threads_.emplace_back([this] { io_.run(); });
    }
    log_info("listening")
        .field("address", config_.listen_address)
        .field("port", static_cast<long long>(port))
        .field("io_threads", static_cast<long long>(config_.io_threads))
        .field("worker_threads", static_cast<long long>(config_.effective_worker_threads()));
    return port;
}

net::awaitable<void> http_server::accept_connections() {
    const auto run = [this](const route& matched, request_context& context) {
        return run_route(*app_, matched, context);
    };
    const auto upgrade = [this](beast::tcp_stream stream, http::request<http::empty_body> request,
                                std::string request_id) {
        accept_socket(*app_, hub_, std::move(stream), std::move(request), std::move(request_id));
    };
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(
            net::make_strand(io_), net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) {
            co_return;
        }
        if (ec) {
            log_warn("accept failed").field("error", ec.message());
            continue;
        }
        auto state = std::make_shared<connection_state>(std::move(socket));
        tracker_.add(state);
        const auto executor = state->stream.get_executor();
        net::co_spawn(executor, serve_connection(state, routes_, run, upgrade, limits_, tracker_),
                      [](std::exception_ptr failure) {
                          log_failure(failure, "connection failed");
                      });
    }
}

void http_server::stop() {
    if (stopping_.exchange(true)) {
        return;
    }
    if (io_threads_.empty()) {
        io_.stop();
        return;
    }
    net::co_spawn(io_, drain_and_stop(), net::detached);
}

net::awaitable<void> http_server::drain_and_stop() {
    const auto open = [this] {
        return static_cast<long long>(tracker_.active()) +
               static_cast<long long>(hub_.open_sockets());
    };
    log_info("shutting down")
        .field("in_flight", static_cast<long long>(tracker_.active()))
        .field("sockets", static_cast<long long>(hub_.open_sockets()));
    beast::error_code ignored;
    acceptor_.close(ignored);
    tracker_.begin_shutdown();
    hub_.close_all();
    trimmer_.stop();

    const auto deadline = std::chrono::steady_clock::now() + config_.shutdown_grace;
    net::steady_timer timer(io_);
    while (open() > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(net::use_awaitable);
    }
    log_info("stopped").field("abandoned", open());
    io_.stop();
}

void http_server::wait() {
    for (auto& thread : io_threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    io_threads_.clear();
    workers_.join();
}

void http_server::stop_on_signals() {
    auto signals = std::make_shared<net::signal_set>(io_, SIGINT, SIGTERM);
    signals->async_wait([this, signals](const beast::error_code& ec, int) {
        if (!ec) {
            stop();
        }
    });
}

} // namespace lightbox
