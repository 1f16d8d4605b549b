#include "domain/text/utf8.hpp"

namespace lightbox {

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xc0) == 0x80;
}

/// The length of the well-formed sequence that starts at `i`, or 0 if there is none
/// (Unicode's table of well-formed UTF-8 byte sequences).
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto at = [&](std::size_t k) {
        return static_cast<unsigned char>(text[i + k]);
    };
    const auto lead = at(0);
    if (lead < 0x80) {
        return 1;
    }

    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        // E0 would allow overlongs below U+0800; ED would reach the surrogates.
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        // F0 would allow overlongs below U+10000; F4 would go past U+10FFFF.
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }

    if (i + length > text.size() || at(1) < low || at(1) > high) {
        return 0;
    }
    for (std::size_t k = 2; k < length; ++k) {
        if (!is_continuation(at(k))) {
            return 0;
        }
    }
    return length;
}

} // namespace

bool is_storable_text(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\0') {
            return false;
        }
        const auto length = sequence_length(text, i);
        if (length == 0) {
            return false;
        }
        i += length;
    }
    return true;
}

} // namespace lightbox
