#pragma once

#include <string>
#include <string_view>

namespace lightbox {

/// A random (version 4) UUID in lower case.
std::string new_uuid();

/// Whether `text` is a version-4 UUID as Immich's validator reads it: 8-4-4-4-12 hex, the
/// 13th digit `4`, the 17th one of `89ab`, either case.
bool is_uuid_v4(std::string_view text);

} // namespace lightbox
