#include "server/app/log.hpp"

#include "domain/time.hpp"

#include <atomic>
#include <cstdio>
#include <iomanip>
#include <mutex>

namespace lightbox {

namespace {

std::atomic<log_level> threshold{log_level::info};
std::mutex output;

std::string_view level_name(log_level level) {
    switch (level) {
    case log_level::debug:
        return "debug";
    case log_level::info:
        return "info";
    case log_level::warn:
        return "warn";
    case log_level::error:
        return "error";
    }
    return "info";
}

void write_value(std::ostringstream& out, std::string_view value) {
    const bool plain = !value.empty() && value.find_first_of(" \"=\\\n\r\t") == value.npos;
    if (plain) {
        out << value;
        return;
    }
    out << '"';
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out << '\\' << c;
        } else if (c == '\n') {
            out << "\\n";
        } else if (c == '\r') {
            out << "\\r";
        } else if (c == '\t') {
            out << "\\t";
        } else {
            out << c;
        }
    }
    out << '"';
}

} // namespace

void set_log_level(log_level level) {
    threshold = level;
}

std::string loggable_error(const std::exception& error) {
    std::string text = error.what();
    if (const auto values = text.find(" with :"); values != std::string::npos) {
        text.resize(values);
    }
    return text;
}

log_level parse_log_level(std::string_view text) {
    if (text == "debug") {
        return log_level::debug;
    }
    if (text == "warn") {
        return log_level::warn;
    }
    if (text == "error") {
        return log_level::error;
    }
    return log_level::info;
}

bool log_enabled(log_level level) {
    return level >= threshold.load();
}

log_line::log_line(log_level level, std::string_view message) : enabled_(log_enabled(level)) {
    if (enabled_) {
        text_ << "ts=" << format_iso(now()) << " level=" << level_name(level) << " msg=";
        write_value(text_, message);
    }
}

log_line::~log_line() {
    if (!enabled_) {
        return;
    }
    text_ << '\n';
    const auto line = text_.str();
    std::lock_guard lock(output);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

log_line& log_line::field(std::string_view key, std::string_view value) {
    if (enabled_) {
        text_ << ' ' << key << '=';
        write_value(text_, value);
    }
    return *this;
}

log_line& log_line::field(std::string_view key, long long value) {
    if (enabled_) {
        text_ << ' ' << key << '=' << value;
    }
    return *this;
}

log_line& log_line::field(std::string_view key, double value) {
    if (enabled_) {
        text_ << ' ' << key << '=' << std::fixed << std::setprecision(3) << value;
    }
    return *this;
}

} // namespace lightbox
