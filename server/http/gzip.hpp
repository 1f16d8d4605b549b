#pragma once

#include <string>
#include <string_view>

namespace lightbox {

/// `data` as a gzip stream (RFC 1952), at zlib's fastest level: a view is compressed once
/// per change and sent many times, and JSON shrinks well even at that level.
std::string gzip_compress(std::string_view data);

/// Whether an `Accept-Encoding` header value lets the response be gzip-compressed: `gzip`
/// (or `*`) listed without `q=0`.
bool accepts_gzip(std::string_view accept_encoding);

} // namespace lightbox
