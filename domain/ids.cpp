#include "domain/ids.hpp"

#include "domain/crypto/crypto.hpp"

#include <cctype>

namespace lightbox {

namespace {

constexpr std::string_view hex_digits = "0123456789abcdef";

bool is_hyphen_position(std::size_t i) {
    return i == 8 || i == 13 || i == 18 || i == 23;
}

} // namespace

std::string new_uuid() {
    auto bytes = crypto::random_bytes(16);

    // Version 4 in the high nibble of byte 6, the RFC 4122 variant (10xx) in byte 8.
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | 0x40);
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);

    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        const auto byte = static_cast<unsigned char>(bytes[i]);
        out += hex_digits[byte >> 4];
        out += hex_digits[byte & 0x0f];
    }
    return out;
}

bool is_uuid_v4(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool ok = is_hyphen_position(i) ? text[i] == '-'
                                              : std::isxdigit(static_cast<unsigned char>(text[i]));
        if (!ok) {
            return false;
        }
    }

    // The version digit opens the third group, the variant digit the fourth.
    const char variant = static_cast<char>(std::tolower(static_cast<unsigned char>(text[19])));
    return text[14] == '4' &&
           (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

id_set to_set(const std::vector<std::string>& ids) {
    return id_set(ids.begin(), ids.end());
}

std::vector<std::string> without_repeats(const std::vector<std::string>& ids) {
    std::vector<std::string> kept;
    id_set seen;
    for (const auto& id : ids) {
        if (seen.insert(id).second) {
            kept.push_back(id);
        }
    }
    return kept;
}

} // namespace lightbox
