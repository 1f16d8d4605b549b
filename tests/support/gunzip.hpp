#pragma once

#include <string>

namespace lightbox::testing {

/// What a client does with a gzip-encoded body: inflates it whole. Throws when `compressed`
/// is not one complete gzip stream.
std::string gunzip(const std::string& compressed);

} // namespace lightbox::testing
