#include "server/app/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lightbox {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::uint64_t to_number(const std::string& key, const std::string& value) {
    try {
        std::size_t used = 0;
        const auto number = std::stoull(value, &used);
        if (used != value.size()) {
            throw std::invalid_argument(value);
        }
        return number;
    } catch (const std::exception&) {
        throw std::invalid_argument("setting " + key + " needs a whole number, not '" + value +
                                    "'");
    }
}

void apply_file(settings& s, const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::invalid_argument("cannot read config file " + path.string());
    }
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            throw std::invalid_argument("config line without '=': " + line);
        }
        apply_setting(s, trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    }
}

} // namespace

std::string settings::effective_database_url() const {
    if (!database_url.empty()) {
        return database_url;
    }
    return "sqlite:" + (data_dir / "lightbox.db").string();
}

unsigned settings::effective_worker_threads() const {
    if (worker_threads > 0) {
        return worker_threads;
    }
    return std::max(2U, std::thread::hardware_concurrency() * 2);
}

bool is_setting(const std::string& raw_key) {
    settings scratch;
    try {
        apply_setting(scratch, raw_key, "0");
        return true;
    } catch (const std::invalid_argument& error) {
        return std::string_view(error.what()).rfind("unknown setting", 0) != 0;
    }
}

void apply_setting(settings& s, const std::string& raw_key, const std::string& value) {
    std::string key = raw_key;
    std::replace(key.begin(), key.end(), '-', '_');
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

    if (key == "listen_address") {
        s.listen_address = value;
    } else if (key == "port") {
        const auto port = to_number(key, value);
        if (port > 65535) {
            throw std::invalid_argument("port out of range: " + value);
        }
        s.port = static_cast<unsigned short>(port);
    } else if (key == "api_prefix") {
        s.api_prefix = value == "/" ? std::string{} : value;
    } else if (key == "data_dir") {
        s.data_dir = value;
    } else if (key == "database_url") {
        s.database_url = value;
    } else if (key == "io_threads") {
        s.io_threads = std::max<unsigned>(1, static_cast<unsigned>(to_number(key, value)));
    } else if (key == "worker_threads") {
        s.worker_threads = static_cast<unsigned>(to_number(key, value));
    } else if (key == "max_header_bytes") {
        s.max_header_bytes = to_number(key, value);
    } else if (key == "max_body_bytes") {
        s.max_body_bytes = to_number(key, value);
    } else if (key == "max_upload_bytes") {
        s.max_upload_bytes = to_number(key, value);
    } else if (key == "idle_timeout_seconds") {
        s.idle_timeout = std::chrono::seconds(to_number(key, value));
    } else if (key == "request_timeout_seconds") {
        s.request_timeout = std::chrono::seconds(to_number(key, value));
    } else if (key == "shutdown_grace_seconds") {
        s.shutdown_grace = std::chrono::seconds(to_number(key, value));
    } else if (key == "log_level") {
        s.log_level = value;
    } else if (key == "socket_ping_interval_ms") {
        s.socket_ping_interval = std::chrono::milliseconds(to_number(key, value));
    } else if (key == "socket_ping_timeout_ms") {
        s.socket_ping_timeout = std::chrono::milliseconds(to_number(key, value));
    } else if (key == "socket_queue_limit") {
        s.socket_queue_limit = std::max<std::size_t>(1, to_number(key, value));
    } else if (key == "event_log_max_age_seconds") {
        s.event_log_max_age = std::chrono::seconds(to_number(key, value));
    } else if (key == "event_log_max_events") {
        s.event_log_max_events = static_cast<std::int64_t>(to_number(key, value));
    } else if (key != "config") {
        throw std::invalid_argument("unknown setting " + raw_key);
    }
}

settings load_settings(int argc, char** argv) {
    settings s;
    std::string config_file;
    if (const char* env = std::getenv("LIGHTBOX_CONFIG")) {
        config_file = env;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--config=", 0) == 0) {
            config_file = arg.substr(9);
        }
    }
    if (!config_file.empty()) {
        apply_file(s, config_file);
    }

    const std::string prefix = "LIGHTBOX_";
    for (char** env = environ; env && *env; ++env) {
        const std::string entry = *env;
        const auto eq = entry.find('=');
        if (entry.rfind(prefix, 0) != 0 || eq == std::string::npos) {
            continue;
        }
        const auto key = entry.substr(prefix.size(), eq - prefix.size());
        // The environment is shared with scripts that use LIGHTBOX_ names of their own.
        if (key != "CONFIG" && is_setting(key)) {
            apply_setting(s, key, entry.substr(eq + 1));
        }
    }

    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto eq = arg.find('=');
        if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
            throw std::invalid_argument("arguments look like --key=value, not " + arg);
        }
        apply_setting(s, arg.substr(2, eq - 2), arg.substr(eq + 1));
    }
    return s;
}

} // namespace lightbox
