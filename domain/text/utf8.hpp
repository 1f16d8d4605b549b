#pragma once

#include <string_view>

namespace lightbox {

/// Well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF) with no NUL byte:
/// what a stored text may hold.
bool is_storable_text(std::string_view text);

} // namespace lightbox
