#include "persistence/media/jpeg_segments.hpp"

#include <cstdint>

namespace lightbox {

namespace {

constexpr unsigned char marker_prefix = 0xFF;
constexpr unsigned char start_of_image = 0xD8;
constexpr unsigned char end_of_image = 0xD9;
constexpr unsigned char start_of_scan = 0xDA;
constexpr unsigned char comment = 0xFE;

unsigned char byte_at(std::string_view data, std::size_t pos) {
    return static_cast<unsigned char>(data[pos]);
}

bool starts_with(std::string_view segment_body, std::string_view signature) {
    return segment_body.substr(0, signature.size()) == signature;
}

/// Whether an application segment (or comment) may stay in a guest's copy.
bool keeps(unsigned char marker, std::string_view body) {
    using namespace std::string_view_literals;
    if (marker == 0xE0) {
        return starts_with(body, "JFIF\0"sv) || starts_with(body, "JFXX\0"sv);
    }
    if (marker == 0xE2) {
        return starts_with(body, "ICC_PROFILE\0"sv);
    }
    if (marker == 0xEE) {
        return starts_with(body, "Adobe"sv);
    }
    return !(marker >= 0xE1 && marker <= 0xEF) && marker != comment;
}

/// The end of the entropy-coded data that starts at `pos`: the next marker that is neither
/// a stuffed 0xFF00 nor a restart marker.
std::optional<std::size_t> end_of_scan_data(std::string_view data, std::size_t pos) {
    while (pos + 1 < data.size()) {
        if (byte_at(data, pos) != marker_prefix) {
            ++pos;
            continue;
        }
        const auto next = byte_at(data, pos + 1);
        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == marker_prefix) {
            pos += next == marker_prefix ? 1 : 2;
            continue;
        }
        return pos;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> jpeg_picture_only(std::string_view data) {
    if (data.size() < 4 || byte_at(data, 0) != marker_prefix ||
        byte_at(data, 1) != start_of_image) {
        return std::nullopt;
    }
    std::string out(data.substr(0, 2));
    std::size_t pos = 2;
    while (pos + 1 < data.size()) {
        if (byte_at(data, pos) != marker_prefix) {
            return std::nullopt;
        }
        const auto marker = byte_at(data, pos + 1);
        if (marker == marker_prefix) {
            ++pos;
            continue;
        }
        if (marker == end_of_image) {
            out.append(data.substr(pos, 2));
            return out;
        }
        if (pos + 4 > data.size()) {
            return std::nullopt;
        }
        const std::size_t length = (byte_at(data, pos + 2) << 8) | byte_at(data, pos + 3);
        if (length < 2 || pos + 2 + length > data.size()) {
            return std::nullopt;
        }
        const auto segment = data.substr(pos, 2 + length);
        if (keeps(marker, segment.substr(4))) {
            out.append(segment);
        }
        pos += 2 + length;
        if (marker == start_of_scan) {
            const auto scan_end = end_of_scan_data(data, pos);
            if (!scan_end) {
                return std::nullopt;
            }
            out.append(data.substr(pos, *scan_end - pos));
            pos = *scan_end;
        }
    }
    return std::nullopt;
}

} // namespace lightbox
