#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace lightbox {

/// Everything an operator can set. Defaults need nothing; a config file (`--config`, or
/// `LIGHTBOX_CONFIG`), then `LIGHTBOX_*` environment variables, then `--key=value`
/// arguments override them, in that order.
struct settings {
    std::string listen_address = "127.0.0.1";
    unsigned short port = 2283;
    /// Routes answer both under this prefix and at the root.
    std::string api_prefix = "/api";
    std::filesystem::path data_dir = "data";
    /// Empty: an SQLite file in the data directory.
    std::string database_url;
    unsigned io_threads = 1;
    /// Zero: twice the number of cores (the work they do mostly waits on disk).
    unsigned worker_threads = 0;
    std::uint64_t max_header_bytes = 16 * 1024;
    std::uint64_t max_body_bytes = 10 * 1024 * 1024;
    std::uint64_t max_upload_bytes = 4ULL * 1024 * 1024 * 1024;
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds request_timeout{60};
    std::chrono::seconds shutdown_grace{30};
    std::string log_level = "info";
    /// Socket.IO heartbeat: the server pings this often and drops a socket whose pong does
    /// not come within the timeout.
    std::chrono::milliseconds socket_ping_interval{25000};
    std::chrono::milliseconds socket_ping_timeout{20000};
    /// Frames waiting for one slow socket before it is disconnected.
    std::size_t socket_queue_limit = 1024;
    /// The durable event log keeps events this long, and at most this many.
    std::chrono::seconds event_log_max_age{7 * 24 * 3600};
    std::int64_t event_log_max_events = 100000;

    std::string effective_database_url() const;
    unsigned effective_worker_threads() const;
};

/// Reads the settings from the file, environment and arguments; throws
/// `std::invalid_argument` naming the bad setting.
settings load_settings(int argc, char** argv);

/// Whether `key` names a setting (in any case, with underscores or dashes).
bool is_setting(const std::string& key);

/// Applies one `key=value` pair; the key uses underscores or dashes.
void apply_setting(settings& s, const std::string& key, const std::string& value);

} // namespace lightbox
