// The fan-out benchmark: N Socket.IO subscribers, all guests of one shared link, held open by
// one process on a few threads, while a writer in the same process patches the link at a
// steady pace. Every delivery is timed against the PATCH that caused it, on one clock.
//
//   bench_socket_fanout --port=P --share-key=KEY --api-key=SECRET --link-id=UUID
//       --subscribers=N [--threads=4] [--patches=200] [--interval-ms=25] [--server-pid=PID]
//       [--connect-parallel=256] [--drain-ms=30000] [--prefix=/api]
//
// Prints one JSON object on stdout; progress and failures go to stderr.
//
// The protocol, as Immich's web client speaks it: a WebSocket on
// `/api/socket.io/?EIO=4&transport=websocket` with the share key in `x-immich-share-key`;
// the server opens with the Engine.IO packet `0{…}`, the client asks for the default
// namespace with `40`, the server accepts with `40{…}`, pings are `2` and pongs `3`, and each
// change arrives as `42["on_shared_link_update",{…},{"sequence":N}]`.
#include "fanout/distribution.hpp"
#include "fanout/options.hpp"
#include "fanout/process_stats.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

using fanout::options;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr std::string_view update_event = R"(42["on_shared_link_update")";

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               clock_type::now().time_since_epoch())
        .count();
}

/// One delivery of one PATCH's event to one subscriber.
struct delivery {
    int patch;
    std::int64_t received_ns;
};

/// One thread and the subscribers it runs; only that thread touches `deliveries`.
struct worker {
    net::io_context io{1};
    net::executor_work_guard<net::io_context::executor_type> guard{io.get_executor()};
    std::vector<delivery> deliveries;
    std::thread thread;
};

/// What every subscriber shares: where to connect, what to look for, and the counters the
/// main thread watches.
struct run_state {
    options opts;
    tcp::endpoint endpoint;
    std::string host;
    std::string target;
    /// Each PATCH sets the description to this marker followed by its index.
    std::string marker;
    std::atomic<int> connected{0};
    std::atomic<int> failed{0};
    std::atomic<int> dropped{0};
    std::atomic<long long> delivered{0};
    std::atomic<long long> last_delivery_ns{0};
    std::atomic<bool> stopping{false};
};

/// Counts a subscriber that could not join; `frame` is what came instead of the expected one.
void report_failure(run_state& run, std::string_view step, const beast::error_code& ec,
                    std::string_view frame = {}) {
    // The first few failures explain the rest; a flood of them would only hide the figures.
    static std::atomic<int> shown{0};
    if (shown++ < 5) {
        std::cerr << "subscriber " << step << " failed: "
                  << (ec ? ec.message() : "unexpected frame " + std::string(frame.substr(0, 80)))
                  << "\n";
    }
    ++run.failed;
}

/// Shows the first frames that ended a subscription before the run did.
void report_drop(run_state& run, std::string_view frame) {
    static std::atomic<int> shown{0};
    if (!run.stopping && shown++ < 3) {
        std::cerr << "subscriber dropped: " << frame.substr(0, 80) << "\n";
    }
}

std::string_view text_of(const beast::flat_buffer& buffer) {
    return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

/// The index of the PATCH an update event reports, found by its description marker.
std::optional<int> patch_index(std::string_view frame, std::string_view marker) {
    const auto at = frame.find(marker);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto digits = frame.substr(at + marker.size());
    int index = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec != std::errc{}) {
        return std::nullopt;
    }
    return index;
}

/// One guest subscriber: connect, join the link's room, then count deliveries until stopped.
net::awaitable<void> subscribe(run_state& run, worker& self) {
    websocket::stream<beast::tcp_stream> ws(co_await net::this_coro::executor);
    auto& stream = beast::get_lowest_layer(ws);

    stream.expires_after(std::chrono::seconds(60));
    auto [connect_error] = co_await stream.async_connect(run.endpoint, use_tuple);
    if (connect_error) {
        report_failure(run, "connect", connect_error);
        co_return;
    }
    stream.expires_never();

    // The WebSocket upgrade, with the share key as Immich's web client sends it.
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.set_option(websocket::stream_base::decorator([&run](websocket::request_type& request) {
        request.set("x-immich-share-key", run.opts.share_key);
    }));
    auto [handshake_error] = co_await ws.async_handshake(run.host, run.target, use_tuple);
    if (handshake_error) {
        report_failure(run, "handshake", handshake_error);
        co_return;
    }
    ws.text(true);

    // Engine.IO open, then the Socket.IO connect of the default namespace.
    beast::flat_buffer buffer;
    auto [open_error, open_bytes] = co_await ws.async_read(buffer, use_tuple);
    if (open_error || !text_of(buffer).starts_with("0{")) {
        report_failure(run, "engine.io open", open_error, text_of(buffer));
        co_return;
    }
    buffer.consume(buffer.size());
    auto [ask_error, ask_bytes] = co_await ws.async_write(net::buffer("40", 2), use_tuple);
    if (ask_error) {
        report_failure(run, "socket.io connect", ask_error);
        co_return;
    }
    for (;;) {
        auto [read_error, bytes] = co_await ws.async_read(buffer, use_tuple);
        const auto frame = text_of(buffer);
        if (read_error || !(frame.starts_with("40") || frame == "2")) {
            report_failure(run, "socket.io accept", read_error, frame);
            co_return;
        }
        const bool accepted = frame.starts_with("40");
        buffer.consume(buffer.size());
        if (accepted) {
            break;
        }
        co_await ws.async_write(net::buffer("3", 1), use_tuple);
    }
    ++run.connected;

    // Deliveries, and a pong for every ping, until the run ends.
    for (;;) {
        auto [read_error, bytes] = co_await ws.async_read(buffer, use_tuple);
        const auto received = now_ns();
        if (read_error) {
            break;
        }
        const auto frame = text_of(buffer);
        if (frame == "2") {
            buffer.consume(buffer.size());
            auto [pong_error, pong_bytes] = co_await ws.async_write(net::buffer("3", 1), use_tuple);
            if (pong_error) {
                break;
            }
            continue;
        }
        if (frame.starts_with(update_event)) {
            if (const auto index = patch_index(frame, run.marker)) {
                self.deliveries.push_back({*index, received});
                ++run.delivered;
                run.last_delivery_ns = received;
            }
        } else if (frame.starts_with("41") || frame.starts_with("1") ||
                   frame.starts_with(R"(42["error")")) {
            // The server accepts a socket with a bad key, then says why and disconnects it.
            report_drop(run, frame);
            buffer.consume(buffer.size());
            break;
        }
        buffer.consume(buffer.size());
    }
    if (!run.stopping) {
        ++run.dropped;
    }
}

/// The PATCHes, one at a time on one keep-alive connection, at a steady pace.
struct patch_timing {
    std::vector<std::int64_t> sent_ns;
    std::vector<std::int64_t> answered_ns;
    int errors = 0;
};

patch_timing patch_link(const run_state& run) {
    patch_timing timing;
    timing.sent_ns.assign(run.opts.patches, 0);
    timing.answered_ns.assign(run.opts.patches, 0);

    net::io_context io;
    beast::tcp_stream stream(io);
    beast::error_code ec;
    stream.connect(run.endpoint, ec);
    if (ec) {
        throw std::runtime_error("writer cannot connect: " + ec.message());
    }
    beast::flat_buffer buffer;
    const auto start = clock_type::now();
    for (int i = 0; i < run.opts.patches; ++i) {
        http::request<http::string_body> request{
            http::verb::patch, run.opts.prefix + "/shared-link/" + run.opts.link_id, 11};
        request.set(http::field::host, run.host);
        request.set(http::field::content_type, "application/json");
        request.set("x-api-key", run.opts.api_key);
        request.body() = R"({"description":")" + run.marker + std::to_string(i) + R"("})";
        request.prepare_payload();

        timing.sent_ns[i] = now_ns();
        http::write(stream, request, ec);
        http::response<http::string_body> response;
        if (!ec) {
            http::read(stream, buffer, response, ec);
        }
        timing.answered_ns[i] = now_ns();
        if (ec || response.result() != http::status::ok) {
            if (timing.errors++ < 3) {
                std::cerr << "PATCH " << i << " failed: "
                          << (ec ? ec.message() : std::to_string(response.result_int())) << "\n";
            }
            if (ec) {
                stream.close();
                stream.connect(run.endpoint, ec);
            }
        }
        std::this_thread::sleep_until(start +
                                      std::chrono::milliseconds(run.opts.interval_ms) * (i + 1));
    }
    return timing;
}

std::string random_marker() {
    std::random_device seed;
    std::mt19937_64 bits(seed());
    return "fanout-" + std::to_string(bits() % 1000000000) + "-";
}

} // namespace

int main(int argc, char** argv) {
    try {
        run_state run;
        run.opts = fanout::parse_options(argc, argv);
        const auto& opts = run.opts;
        run.endpoint = {net::ip::make_address("127.0.0.1"), opts.port};
        run.host = "127.0.0.1:" + std::to_string(opts.port);
        run.target = opts.prefix + "/socket.io/?EIO=4&transport=websocket";
        run.marker = random_marker();

        std::vector<std::unique_ptr<worker>> workers;
        for (int i = 0; i < opts.threads; ++i) {
            auto& added = workers.emplace_back(std::make_unique<worker>());
            added->thread = std::thread([&io = added->io] { io.run(); });
        }

        // Connect every subscriber, a bounded number at a time.
        const auto rss_before = fanout::process_memory_kb(opts.server_pid, "VmRSS:");
        const auto connect_cpu_before = fanout::process_cpu_us(opts.server_pid);
        const auto connect_start = clock_type::now();
        const auto connect_deadline = connect_start + std::chrono::seconds(180);
        const auto settled = [&] {
            return run.connected + run.failed;
        };
        for (int i = 0; i < opts.subscribers; ++i) {
            while (i - settled() >= opts.connect_parallel && clock_type::now() < connect_deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            auto& owner = *workers[i % workers.size()];
            net::co_spawn(owner.io, subscribe(run, owner), net::detached);
        }
        while (settled() < opts.subscribers && clock_type::now() < connect_deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        const double connect_seconds =
            std::chrono::duration<double>(clock_type::now() - connect_start).count();

        // Let the server finish what connecting started before reading its memory.
        std::this_thread::sleep_for(std::chrono::seconds(1));
        const auto rss_connected = fanout::process_memory_kb(opts.server_pid, "VmRSS:");
        const auto connect_cpu_us = fanout::process_cpu_us(opts.server_pid) - connect_cpu_before;
        // Sockets the server accepted and then dropped (a bad key) do not count.
        const int subscribed = run.connected - run.dropped;
        std::cerr << subscribed << " of " << opts.subscribers << " subscribers connected in "
                  << connect_seconds << " s\n";

        // The writer; then wait for every delivery, or for them to stop coming.
        const auto cpu_before = fanout::process_cpu_us(opts.server_pid);
        const auto timing = patch_link(run);
        const long long expected = static_cast<long long>(subscribed) * opts.patches;
        const auto drain_deadline = clock_type::now() + std::chrono::milliseconds(opts.drain_ms);
        auto last_seen = run.delivered.load();
        auto last_progress = clock_type::now();
        while (run.delivered < expected && clock_type::now() < drain_deadline &&
               clock_type::now() - last_progress < std::chrono::seconds(5)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            if (run.delivered != last_seen) {
                last_seen = run.delivered;
                last_progress = clock_type::now();
            }
        }
        const auto cpu_after = fanout::process_cpu_us(opts.server_pid);
        const auto rss_after = fanout::process_memory_kb(opts.server_pid, "VmRSS:");

        run.stopping = true;
        for (auto& each : workers) {
            each->io.stop();
        }
        for (auto& each : workers) {
            each->thread.join();
        }

        // Latencies from each PATCH's response, and from its request, to each delivery.
        std::vector<std::int64_t> from_response;
        std::vector<std::int64_t> from_request;
        std::vector<std::int64_t> patch_round_trip;
        for (int i = 0; i < opts.patches; ++i) {
            patch_round_trip.push_back(timing.answered_ns[i] - timing.sent_ns[i]);
        }
        for (const auto& each : workers) {
            for (const auto& got : each->deliveries) {
                if (got.patch < 0 || got.patch >= opts.patches) {
                    continue;
                }
                from_response.push_back(got.received_ns - timing.answered_ns[got.patch]);
                from_request.push_back(got.received_ns - timing.sent_ns[got.patch]);
            }
        }
        const long long delivered = static_cast<long long>(from_response.size());
        const double window_seconds =
            opts.patches == 0 || delivered == 0
                ? 0
                : static_cast<double>(run.last_delivery_ns - timing.sent_ns.front()) / 1e9;
        const auto cpu_us = cpu_after - cpu_before;

        std::cout << R"({"subscribers":)" << opts.subscribers       //
                  << R"(,"connected":)" << subscribed               //
                  << R"(,"connect_failures":)" << run.failed.load() //
                  << R"(,"connect_seconds":)" << connect_seconds    //
                  << R"(,"server_cpu_us_per_connect":)"
                  << (subscribed > 0 ? static_cast<double>(connect_cpu_us) / subscribed : 0)
                  << R"(,"patches":)" << opts.patches               //
                  << R"(,"patch_interval_ms":)" << opts.interval_ms //
                  << R"(,"patch_errors":)" << timing.errors         //
                  << R"(,"deliveries_expected":)" << expected       //
                  << R"(,"deliveries":)" << delivered               //
                  << R"(,"dropped_sockets":)" << run.dropped.load() //
                  << R"(,"window_seconds":)" << window_seconds      //
                  << R"(,"events_per_second":)"
                  << (window_seconds > 0 ? delivered / window_seconds : 0) //
                  << R"(,"latency_from_response_ms":)"
                  << fanout::json_of(fanout::summarize(from_response))
                  << R"(,"latency_from_request_ms":)"
                  << fanout::json_of(fanout::summarize(from_request))
                  << R"(,"patch_round_trip_ms":)"
                  << fanout::json_of(fanout::summarize(patch_round_trip)) << R"(,"server_cpu_us":)"
                  << cpu_us //
                  << R"(,"server_cpu_us_per_event":)"
                  << (delivered > 0 ? static_cast<double>(cpu_us) / delivered : 0)
                  << R"(,"server_rss_before_kb":)" << rss_before       //
                  << R"(,"server_rss_connected_kb":)" << rss_connected //
                  << R"(,"server_rss_after_kb":)" << rss_after         //
                  << R"(,"server_bytes_per_socket":)"
                  << (subscribed > 0 ? (rss_connected - rss_before) * 1024.0 / subscribed : 0)
                  << "}\n";
        std::cout.flush();
        // Tearing down thousands of sockets one by one adds nothing to the figures.
        std::_Exit(0);
    } catch (const std::exception& error) {
        std::cerr << "bench_socket_fanout: " << error.what() << "\n";
        return 1;
    }
}
