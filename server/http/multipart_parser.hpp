#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lightbox {

/// What the headers of one `multipart/form-data` part say about it.
struct multipart_part_header {
    /// The `name` of the form field; never empty.
    std::string name;

    /// The `filename` (or the decoded `filename*`, which wins) of a file field, exactly as the
    /// client sent it: it may contain slashes or anything else, so it is never a path to use.
    std::optional<std::string> file_name;

    /// The part's `Content-Type` as sent, or empty when the part has none.
    std::string content_type;
};

/// Receives the parts of a multipart body as the parser finds them. Part data arrives in
/// pieces of any size, the views pointing into the chunk being fed: copy what must outlive the
/// call.
class multipart_handler {
public:
    virtual ~multipart_handler() = default;
    virtual void on_part_begin(const multipart_part_header& header) = 0;
    virtual void on_part_data(std::string_view data) = 0;
    virtual void on_part_end() = 0;
};

/// A body that breaks the multipart framing or one of the parser's limits.
class multipart_error : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

/**
 * An incremental `multipart/form-data` parser (RFC 7578 over the framing of RFC 2046).
 *
 * Chunks are fed as they come off the socket; part data is handed on in views of those chunks,
 * so a part of any size is never held whole. The only bytes copied are part header blocks; the
 * end of a chunk that may begin a boundary is held back as a count of matched boundary bytes.
 */
class multipart_parser {
public:
    /// A part's header block, from after its boundary line to the blank line that ends it.
    static constexpr std::size_t max_header_block = 16 * 1024;
    static constexpr std::size_t max_parts = 100;

    /// Throws multipart_error unless `boundary` is 1 to 70 RFC 2046 boundary characters.
    multipart_parser(std::string boundary, multipart_handler& handler);

    /// Throws multipart_error on malformed input; once it has, every later call throws too.
    /// Exceptions from the handler pass through and also leave the parser failed.
    void feed(std::string_view chunk);

    /// Throws multipart_error unless the closing boundary was seen.
    void finish();

    bool done() const;

    /// The bytes received but neither handed on nor discarded yet: a bounded header block, or
    /// at most the length of `CRLF--boundary` while inside a part.
    std::size_t buffered_bytes() const;

private:
    enum class state {
        preamble,
        after_boundary,
        closing_dash,
        boundary_line_feed,
        headers,
        body,
        epilogue,
        failed,
    };

    std::size_t scan_for_delimiter(std::string_view chunk);
    std::size_t read_after_boundary(char c);
    std::size_t read_headers(std::string_view chunk);
    void begin_part();

    // The delimiter is CRLF "--" boundary. Only its first byte is a CR, since a boundary holds
    // none, so a failed partial match never hides the start of another and no byte is rescanned.
    std::string delimiter_;
    multipart_handler& handler_;
    state state_ = state::preamble;

    // How many bytes of the delimiter the latest bytes matched. The body starts as if preceded
    // by a CRLF, so that a first boundary line at the very start is found.
    std::size_t matched_ = 2;

    std::string header_block_;
    std::size_t parts_ = 0;
};

/// The boundary parameter of a `multipart/form-data; boundary=…` Content-Type (quoted or not, any
/// parameter order, case-insensitive type/param names); nothing if absent, not a valid boundary
/// or not multipart/form-data.
std::optional<std::string> multipart_boundary(std::string_view content_type);

} // namespace lightbox
