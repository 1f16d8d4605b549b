#pragma once

#include <exception>
#include <sstream>
#include <string>
#include <string_view>

namespace lightbox {

enum class log_level { debug, info, warn, error };

void set_log_level(log_level level);
log_level parse_log_level(std::string_view text);
bool log_enabled(log_level level);

/// One structured log line in logfmt (`ts=… level=info msg=… key=value`), written to
/// standard error when it goes out of scope. Never give it a secret.
class log_line {
public:
    log_line(log_level level, std::string_view message);
    ~log_line();
    log_line(const log_line&) = delete;
    log_line& operator=(const log_line&) = delete;

    log_line& field(std::string_view key, std::string_view value);
    log_line& field(std::string_view key, long long value);
    log_line& field(std::string_view key, double value);

private:
    bool enabled_;
    std::ostringstream text_;
};

/// What an unexpected failure says, less the values a failed database statement quotes
/// (SOCI appends ` with :name="value"`), since those can be keys or tokens.
std::string loggable_error(const std::exception& error);

inline log_line log_info(std::string_view message) {
    return {log_level::info, message};
}
inline log_line log_warn(std::string_view message) {
    return {log_level::warn, message};
}
inline log_line log_error(std::string_view message) {
    return {log_level::error, message};
}
inline log_line log_debug(std::string_view message) {
    return {log_level::debug, message};
}

} // namespace lightbox
