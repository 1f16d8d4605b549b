#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace lightbox {

/// A random (version 4) UUID in lower case.
std::string new_uuid();

/// Whether `text` is a version-4 UUID as Immich's validator reads it: 8-4-4-4-12 hex, the
/// 13th digit `4`, the 17th one of `89ab`, either case.
bool is_uuid_v4(std::string_view text);

/// Ids looked up by value: what a request names can run to tens of thousands, and a change
/// holds the writer while it checks them.
using id_set = std::unordered_set<std::string>;

id_set to_set(const std::vector<std::string>& ids);

/// `ids` without repeats, first occurrences kept in order.
std::vector<std::string> without_repeats(const std::vector<std::string>& ids);

} // namespace lightbox
