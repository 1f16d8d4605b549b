// The benchmarks' baseline: a minimal Beast coroutine HTTP/1.1 server that answers every
// request, whatever its method, target or body, with the same bytes read once from a file.
// bench/run.sh gives it the exact body Lightbox answered for a scenario, so the two differ
// only in the work Lightbox does: routing, authentication, the database and the JSON.
//
//   bench_baseline_server --port=N --body=FILE [--content-type=TYPE] [--threads=1]
//                         [--address=127.0.0.1]
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
/// Request bodies (the PATCH and PUT scenarios) are read and dropped; this bounds them.
constexpr std::uint64_t max_request_body = 16 * 1024 * 1024;

/// The whole response, status line to last body byte, serialized once at start-up; a
/// keep-alive and a closing variant.
struct canned_response {
    std::string keep_alive;
    std::string closing;
};

std::string serialize(const std::string& body, const std::string& content_type, bool keep) {
    std::ostringstream out;
    out << "HTTP/1.1 200 OK\r\n"
        << "Content-Type: " << content_type << "\r\n"
        << "Content-Length: " << body.size() << "\r\n"
        << (keep ? "" : "Connection: close\r\n") << "\r\n"
        << body;
    return out.str();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Writes every byte, offering the socket all that is left each time, as Beast's HTTP writer
/// does; `net::async_write` would hand the kernel at most 64 kB per call.
net::awaitable<bool> write_all(beast::tcp_stream& stream, net::const_buffer bytes) {
    while (bytes.size() > 0) {
        auto [ec, written] = co_await stream.async_write_some(bytes, use_tuple);
        if (ec) {
            co_return false;
        }
        bytes += written;
    }
    co_return true;
}

/// Serves one connection: read a request, write the canned bytes, until either side leaves.
net::awaitable<void> serve(tcp::socket socket, std::shared_ptr<const canned_response> canned) {
    // Without it, the last segment of a large response can wait for the client's delayed
    // acknowledgement (40 ms on Linux): a stall of the kernel's, not a cost of answering.
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(max_request_body);
        auto [read_error, read_bytes] =
            co_await http::async_read(stream, buffer, parser, use_tuple);
        if (read_error) {
            break;
        }

        const bool keep = parser.get().keep_alive();
        const auto& bytes = keep ? canned->keep_alive : canned->closing;
        if (!co_await write_all(stream, net::buffer(bytes)) || !keep) {
            break;
        }
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> accept_loop(tcp::acceptor& acceptor,
                                 std::shared_ptr<const canned_response> canned) {
    auto& io = static_cast<net::io_context&>(acceptor.get_executor().context());
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(io), use_tuple);
        if (ec == net::error::operation_aborted || !acceptor.is_open()) {
            co_return;
        }
        if (ec) {
            continue;
        }
        const auto executor = socket.get_executor();
        net::co_spawn(executor, serve(std::move(socket), canned), net::detached);
    }
}

std::map<std::string, std::string> parse_arguments(int argc, char** argv) {
    std::map<std::string, std::string> out;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto equals = arg.find('=');
        if (arg.rfind("--", 0) != 0 || equals == std::string::npos) {
            throw std::invalid_argument("expected --key=value, got " + arg);
        }
        out[arg.substr(2, equals - 2)] = arg.substr(equals + 1);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    try {
        auto args = parse_arguments(argc, argv);
        if (!args.contains("port") || !args.contains("body")) {
            std::cerr << "usage: bench_baseline_server --port=N --body=FILE "
                         "[--content-type=TYPE] [--threads=1] [--address=127.0.0.1]\n";
            return 2;
        }
        const auto content_type =
            args.contains("content-type") ? args["content-type"] : "application/json";
        const int threads = args.contains("threads") ? std::stoi(args["threads"]) : 1;
        const auto address = args.contains("address") ? args["address"] : "127.0.0.1";
        const auto port = static_cast<unsigned short>(std::stoi(args["port"]));

        const auto body = read_file(args["body"]);
        const auto canned = std::make_shared<const canned_response>(canned_response{
            serialize(body, content_type, true), serialize(body, content_type, false)});

        net::io_context io(threads);
        tcp::acceptor acceptor(io, {net::ip::make_address(address), port});
        net::co_spawn(io, accept_loop(acceptor, canned), net::detached);

        // SIGTERM or SIGINT: stop accepting and leave.
        net::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const beast::error_code&, int) { io.stop(); });

        std::vector<std::thread> pool;
        for (int i = 1; i < threads; ++i) {
            pool.emplace_back([&io] { io.run(); });
        }
        io.run();
        for (auto& thread : pool) {
            thread.join();
        }
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "bench_baseline_server: " << error.what() << "\n";
        return 1;
    }
}
