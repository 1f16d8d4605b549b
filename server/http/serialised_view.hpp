#pragma once

#include "server/http/reply.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace lightbox {

/// A JSON body prepared once and sent to many requests: its bytes and, when it is large
/// enough for compression to pay, the same bytes gzip-compressed.
struct serialised_view {
    std::string json;
    /// Empty when the JSON is too small to be worth compressing.
    std::string gzip;

    std::size_t size() const { return json.size() + gzip.size(); }
};

using view_body = std::shared_ptr<const serialised_view>;

/// Bodies from this size up are kept compressed too.
inline constexpr std::size_t compress_from_bytes = 64 * 1024;

view_body make_view_body(std::string json);

/// 200 with `view`, compressed when `accept_encoding` allows it and a compressed copy exists.
/// The bytes are shared, never copied.
reply view_reply(const view_body& view, std::string_view accept_encoding);

} // namespace lightbox
