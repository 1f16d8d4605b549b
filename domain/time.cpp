#include "domain/time.hpp"

#include <cctype>
#include <cstdio>

namespace lightbox {

namespace {

using namespace std::chrono;

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

std::optional<timestamp> make_instant(int y, int mo, int d, int h, int mi, int s, int ms) {
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 59) {
        return std::nullopt;
    }
    return timestamp{sys_days{date}} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
}

/// Reads `Z`, `+hh:mm`, `+hhmm` or `+hh` at `pos`; the offset is what to subtract.
bool read_offset(std::string_view text, std::size_t pos, minutes& offset) {
    if (pos == text.size()) {
        offset = minutes{0};
        return true;
    }
    if (text[pos] == 'Z' || text[pos] == 'z') {
        offset = minutes{0};
        return pos + 1 == text.size();
    }
    if (text[pos] != '+' && text[pos] != '-') {
        return false;
    }
    const int sign = text[pos] == '-' ? -1 : 1;
    int hh = 0;
    int mm = 0;
    if (!read_digits(text, pos + 1, 2, hh)) {
        return false;
    }
    std::size_t rest = pos + 3;
    if (rest < text.size() && text[rest] == ':') {
        ++rest;
    }
    if (rest < text.size()) {
        if (!read_digits(text, rest, 2, mm) || rest + 2 != text.size()) {
            return false;
        }
    }
    if (hh > 23 || mm > 59) {
        return false;
    }
    offset = minutes{sign * (hh * 60 + mm)};
    return true;
}

timestamp first_instant() {
    return timestamp{sys_days{year{1} / January / 1}};
}

timestamp last_instant() {
    return timestamp{sys_days{year{9999} / December / 31}} + days{1} - milliseconds{1};
}

} // namespace

timestamp now() {
    return time_point_cast<milliseconds>(system_clock::now());
}

std::string format_iso(timestamp t) {
    const auto day_start = floor<days>(t);
    const year_month_day date{day_start};
    const hh_mm_ss<milliseconds> time{t - day_start};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<long>(time.hours().count()),
                  static_cast<long>(time.minutes().count()),
                  static_cast<long>(time.seconds().count()));
    std::string out(buffer);
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03ldZ", static_cast<long>(time.subseconds().count()));
    out.replace(out.size() - 1, 1, millis);
    return out;
}

std::optional<timestamp> parse_iso(std::string_view text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (!read_digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
        !read_digits(text, 5, 2, mo) || text[7] != '-' || !read_digits(text, 8, 2, d)) {
        return std::nullopt;
    }
    if (text.size() == 10) {
        return make_instant(y, mo, d, 0, 0, 0, 0);
    }
    if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_digits(text, 11, 2, h) ||
        text.size() < 16 || text[13] != ':' || !read_digits(text, 14, 2, mi)) {
        return std::nullopt;
    }
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
        if (!read_digits(text, pos + 1, 2, s)) {
            return std::nullopt;
        }
        pos += 3;
    }
    if (pos < text.size() && text[pos] == '.') {
        std::size_t digits = 0;
        ++pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
            if (digits < 3) {
                ms = ms * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (std::size_t i = digits; i < 3; ++i) {
            ms *= 10;
        }
    }
    minutes offset{};
    if (!read_offset(text, pos, offset)) {
        return std::nullopt;
    }
    const auto local = make_instant(y, mo, d, h, mi, s, ms);
    if (!local) {
        return std::nullopt;
    }
    // An offset can carry a date across year 1 or 9999, where the ISO text stops working.
    const auto instant = *local - offset;
    if (instant < first_instant() || instant > last_instant()) {
        return std::nullopt;
    }
    return instant;
}

std::optional<timestamp> parse_exif_date(std::string_view text, std::string_view offset) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 19 || !read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, mo) ||
        !read_digits(text, 8, 2, d) || !read_digits(text, 11, 2, h) ||
        !read_digits(text, 14, 2, mi) || !read_digits(text, 17, 2, s)) {
        return std::nullopt;
    }
    const auto local = make_instant(y, mo, d, h, mi, s, 0);
    if (!local) {
        return std::nullopt;
    }
    minutes shift{};
    if (!offset.empty() && !read_offset(offset, 0, shift)) {
        shift = minutes{0};
    }
    return *local - shift;
}

} // namespace lightbox
