#include "server/http/multipart_parser.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace lightbox {

namespace {

constexpr std::string_view crlf = "\r\n";

char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) { return to_lower(x) == to_lower(y); });
}

std::string lowercase(std::string_view text) {
    std::string result(text);
    std::ranges::transform(result, result.begin(), to_lower);
    return result;
}

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

/// A letter, a digit or one of `symbols`.
bool is_alphanumeric_or(char c, std::string_view symbols) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           symbols.find(c) != std::string_view::npos;
}

/// RFC 9110 `token`: what header and parameter names are made of.
bool is_token(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return is_alphanumeric_or(c, "!#$%&'*+-.^_`|~");
    });
}

/// RFC 2046 `boundary`: 1 to 70 of digits, letters and `'()+_,-./:=? `, not ending in a space.
bool is_valid_boundary(std::string_view boundary) {
    return !boundary.empty() && boundary.size() <= 70 && boundary.back() != ' ' &&
           std::ranges::all_of(boundary,
                               [](char c) { return is_alphanumeric_or(c, "'()+_,-./:=? "); });
}

/// A header field value may hold visible characters, spaces, tabs and bytes above 0x7f.
bool is_field_value(std::string_view text) {
    return std::ranges::all_of(text, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
    });
}

/// Reads the quoted string at the front of `text`, backslash escapes resolved, and removes it
/// from `text`. Nothing if the closing quote is missing.
std::optional<std::string> take_quoted_string(std::string_view& text) {
    std::string value;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '"') {
            text.remove_prefix(i + 1);
            return value;
        }
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
        }
        value += text[i];
    }
    return std::nullopt;
}

/// A header value such as `form-data; name="x"; filename="a.jpg"`, parameter names lowercased.
struct parameterised_value {
    std::string_view value;
    std::vector<std::pair<std::string, std::string>> parameters;
};

std::optional<parameterised_value> parse_parameterised(std::string_view text) {
    parameterised_value result;
    const auto first_semicolon = text.find(';');
    result.value = trim(text.substr(0, first_semicolon));
    if (first_semicolon == std::string_view::npos) {
        return result;
    }
    text.remove_prefix(first_semicolon + 1);

    while (true) {
        text = trim(text);
        if (text.empty()) {
            return result;
        }
        if (text.front() == ';') {
            text.remove_prefix(1);
            continue;
        }

        const auto equals = text.find('=');
        if (equals == std::string_view::npos) {
            return std::nullopt;
        }
        const auto name = trim(text.substr(0, equals));
        if (!is_token(name)) {
            return std::nullopt;
        }
        text = trim(text.substr(equals + 1));

        std::string value;
        if (!text.empty() && text.front() == '"') {
            auto quoted = take_quoted_string(text);
            if (!quoted) {
                return std::nullopt;
            }
            value = std::move(*quoted);
            text = trim(text);
            if (!text.empty() && text.front() != ';') {
                return std::nullopt;
            }
        } else {
            const auto end = std::min(text.find(';'), text.size());
            value = trim(text.substr(0, end));
            text.remove_prefix(end);
        }
        result.parameters.emplace_back(lowercase(name), std::move(value));
    }
}

std::optional<int> hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return std::nullopt;
}

/// An RFC 8187 `ext-value` (`UTF-8''a%20b.jpg`) as UTF-8. Nothing for a charset other than
/// UTF-8 or ISO-8859-1, or broken percent-encoding.
std::optional<std::string> decode_ext_value(std::string_view text) {
    const auto first_quote = text.find('\'');
    if (first_quote == std::string_view::npos) {
        return std::nullopt;
    }
    const auto second_quote = text.find('\'', first_quote + 1);
    if (second_quote == std::string_view::npos) {
        return std::nullopt;
    }
    const auto charset = text.substr(0, first_quote);
    const bool latin1 = iequals(charset, "iso-8859-1");
    if (!latin1 && !iequals(charset, "utf-8")) {
        return std::nullopt;
    }

    std::string decoded;
    const auto encoded = text.substr(second_quote + 1);
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        auto byte = static_cast<unsigned char>(encoded[i]);
        if (byte == '%') {
            if (i + 2 >= encoded.size()) {
                return std::nullopt;
            }
            const auto high = hex_value(encoded[i + 1]);
            const auto low = hex_value(encoded[i + 2]);
            if (!high || !low) {
                return std::nullopt;
            }
            byte = static_cast<unsigned char>(*high * 16 + *low);
            i += 2;
        }
        if (latin1 && byte >= 0x80) {
            decoded += static_cast<char>(0xc0 | (byte >> 6));
            decoded += static_cast<char>(0x80 | (byte & 0x3f));
        } else {
            decoded += static_cast<char>(byte);
        }
    }
    return decoded;
}

/// Splits a header block (without its closing blank line) into lowercased names and values,
/// joining obsolete folded lines to the field they continue.
std::vector<std::pair<std::string, std::string>> split_fields(std::string_view block) {
    std::vector<std::pair<std::string, std::string>> fields;
    while (!block.empty()) {
        const auto end = std::min(block.find(crlf), block.size());
        const auto line = block.substr(0, end);
        block.remove_prefix(std::min(end + crlf.size(), block.size()));

        if (!is_field_value(line)) {
            throw multipart_error("a part header holds control characters");
        }
        if (!line.empty() && is_space(line.front())) {
            if (fields.empty()) {
                throw multipart_error("a part's header block starts with a continuation line");
            }
            fields.back().second += ' ';
            fields.back().second += trim(line);
            continue;
        }

        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
            throw multipart_error("a part header is not a `name: value` field");
        }
        fields.emplace_back(lowercase(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    return fields;
}

multipart_part_header parse_part_header(std::string_view block) {
    multipart_part_header header;
    std::optional<std::string> disposition;
    for (auto& [name, value] : split_fields(block)) {
        if (name == "content-disposition") {
            if (disposition) {
                throw multipart_error("a part has two Content-Disposition headers");
            }
            disposition = std::move(value);
        } else if (name == "content-type") {
            header.content_type = std::move(value);
        }
    }
    if (!disposition) {
        throw multipart_error("a part has no Content-Disposition header");
    }

    const auto parsed = parse_parameterised(*disposition);
    if (!parsed) {
        throw multipart_error("a part's Content-Disposition is malformed");
    }
    if (!iequals(parsed->value, "form-data")) {
        throw multipart_error("a part's Content-Disposition is not form-data");
    }

    std::optional<std::string> extended_file_name;
    for (const auto& [name, value] : parsed->parameters) {
        if (name == "name") {
            header.name = value;
        } else if (name == "filename") {
            header.file_name = value;
        } else if (name == "filename*") {
            // A filename* that cannot be decoded is ignored in favour of filename (RFC 6266).
            extended_file_name = decode_ext_value(value);
        }
    }
    if (header.name.empty()) {
        throw multipart_error("a part has no name");
    }
    if (extended_file_name) {
        header.file_name = std::move(extended_file_name);
    }
    return header;
}

} // namespace

multipart_parser::multipart_parser(std::string boundary, multipart_handler& handler)
    : handler_(handler) {
    if (!is_valid_boundary(boundary)) {
        throw multipart_error("invalid multipart boundary");
    }
    delimiter_ = "\r\n--" + boundary;
}

void multipart_parser::feed(std::string_view chunk) {
    if (state_ == state::failed) {
        throw multipart_error("the multipart body was already rejected");
    }
    try {
        while (!chunk.empty()) {
            switch (state_) {
            case state::preamble:
            case state::body:
                chunk.remove_prefix(scan_for_delimiter(chunk));
                break;
            case state::after_boundary:
            case state::closing_dash:
            case state::boundary_line_feed:
                chunk.remove_prefix(read_after_boundary(chunk.front()));
                break;
            case state::headers:
                chunk.remove_prefix(read_headers(chunk));
                break;
            case state::epilogue:
                return;
            case state::failed:
                throw multipart_error("the multipart body was already rejected");
            }
        }
    } catch (...) {
        state_ = state::failed;
        throw;
    }
}

void multipart_parser::finish() {
    if (state_ != state::epilogue) {
        state_ = state::failed;
        throw multipart_error("the multipart body ends before its closing boundary");
    }
}

bool multipart_parser::done() const {
    return state_ == state::epilogue;
}

std::size_t multipart_parser::buffered_bytes() const {
    return header_block_.size() + (state_ == state::body ? matched_ : 0);
}

std::size_t multipart_parser::scan_for_delimiter(std::string_view chunk) {
    const bool in_body = state_ == state::body;

    // A partial match carried over from the previous chunk is kept as a count only: its bytes
    // are the delimiter's first ones.
    const std::size_t carried = matched_;
    bool match_is_carried = carried > 0;
    std::size_t match_start = 0;

    std::size_t pos = 0;
    while (pos < chunk.size()) {
        if (matched_ == 0) {
            const auto cr = chunk.find('\r', pos);
            if (cr == std::string_view::npos) {
                pos = chunk.size();
                break;
            }
            match_start = cr;
            matched_ = 1;
            pos = cr + 1;
            continue;
        }

        while (pos < chunk.size() && matched_ < delimiter_.size() &&
               chunk[pos] == delimiter_[matched_]) {
            ++pos;
            ++matched_;
        }

        if (matched_ == delimiter_.size()) {
            if (in_body) {
                if (!match_is_carried && match_start > 0) {
                    handler_.on_part_data(chunk.substr(0, match_start));
                }
                handler_.on_part_end();
            }
            matched_ = 0;
            state_ = state::after_boundary;
            return pos;
        }
        if (pos == chunk.size()) {
            break;
        }

        // The partial match was data after all; the byte that broke it is looked at again.
        if (match_is_carried && in_body) {
            handler_.on_part_data(std::string_view(delimiter_).substr(0, carried));
        }
        match_is_carried = false;
        matched_ = 0;
    }

    if (in_body) {
        const auto data_end = matched_ == 0 ? chunk.size() : match_start;
        if (!match_is_carried && data_end > 0) {
            handler_.on_part_data(chunk.substr(0, data_end));
        }
    }
    return chunk.size();
}

std::size_t multipart_parser::read_after_boundary(char c) {
    switch (state_) {
    case state::after_boundary:
        if (c == '-') {
            state_ = state::closing_dash;
        } else if (c == '\r') {
            state_ = state::boundary_line_feed;
        } else if (!is_space(c)) {
            throw multipart_error("a boundary is followed by something other than a line break");
        }
        break;
    case state::closing_dash:
        if (c != '-') {
            throw multipart_error("a boundary is followed by a single dash");
        }
        state_ = state::epilogue;
        break;
    default:
        if (c != '\n') {
            throw multipart_error("a boundary line ends in a bare carriage return");
        }
        state_ = state::headers;
        break;
    }
    return 1;
}

std::size_t multipart_parser::read_headers(std::string_view chunk) {
    std::size_t used = 0;
    while (used < chunk.size()) {
        const auto line_feed = chunk.find('\n', used);
        const auto end = line_feed == std::string_view::npos ? chunk.size() : line_feed + 1;
        if (header_block_.size() + (end - used) > max_header_block) {
            throw multipart_error("a part's header block is larger than 16 KiB");
        }
        header_block_.append(chunk.substr(used, end - used));
        used = end;

        if (line_feed != std::string_view::npos &&
            (header_block_ == crlf || header_block_.ends_with("\r\n\r\n"))) {
            begin_part();
            return used;
        }
    }
    return used;
}

void multipart_parser::begin_part() {
    if (++parts_ > max_parts) {
        throw multipart_error("the multipart body has more than 100 parts");
    }

    // The block without its closing blank line; an empty block is just that blank line.
    const std::string_view block(header_block_);
    const auto header = parse_part_header(block.substr(0, block.size() - crlf.size()));
    header_block_.clear();

    state_ = state::body;
    matched_ = 0;
    handler_.on_part_begin(header);
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    const auto parsed = parse_parameterised(content_type);
    if (!parsed || !iequals(parsed->value, "multipart/form-data")) {
        return std::nullopt;
    }
    for (const auto& [name, value] : parsed->parameters) {
        if (name == "boundary") {
            return is_valid_boundary(value) ? std::optional(value) : std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace lightbox
