#pragma once

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

namespace fanout {

/// The command line of bench_socket_fanout, `--key=value` each.
struct options {
    unsigned short port = 0;
    std::string share_key;
    std::string api_key;
    std::string link_id;
    std::string prefix = "/api";
    int subscribers = 100;
    int threads = 4;
    int patches = 200;
    int interval_ms = 25;
    int server_pid = 0;
    int connect_parallel = 256;
    int drain_ms = 30000;
};

inline options parse_options(int argc, char** argv) {
    std::map<std::string, std::string> given;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto equals = arg.find('=');
        if (arg.rfind("--", 0) != 0 || equals == std::string::npos) {
            throw std::invalid_argument("expected --key=value, got " + arg);
        }
        given[arg.substr(2, equals - 2)] = arg.substr(equals + 1);
    }
    const auto number = [&](const char* name, int fallback) {
        return given.contains(name) ? std::stoi(given[name]) : fallback;
    };
    options out;
    out.port = static_cast<unsigned short>(number("port", 0));
    out.share_key = given["share-key"];
    out.api_key = given["api-key"];
    out.link_id = given["link-id"];
    out.prefix = given.contains("prefix") ? given["prefix"] : out.prefix;
    out.subscribers = number("subscribers", out.subscribers);
    out.threads = std::max(1, number("threads", out.threads));
    out.patches = number("patches", out.patches);
    out.interval_ms = number("interval-ms", out.interval_ms);
    out.server_pid = number("server-pid", 0);
    out.connect_parallel = std::max(1, number("connect-parallel", out.connect_parallel));
    out.drain_ms = number("drain-ms", out.drain_ms);
    if (out.port == 0 || out.share_key.empty() || out.api_key.empty() || out.link_id.empty()) {
        throw std::invalid_argument("--port, --share-key, --api-key and --link-id are required");
    }
    return out;
}

} // namespace fanout
