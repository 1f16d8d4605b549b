#include "server/http/gzip.hpp"

#include <zlib.h>

#include <boost/algorithm/string/predicate.hpp>

#include <stdexcept>

namespace lightbox {

namespace {

// 15 bits of window, plus 16: a gzip header and trailer instead of zlib's.
constexpr int gzip_window_bits = 15 + 16;
constexpr int memory_level = 8;

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// Whether `parameters` (what follows the coding, `;q=0.5`) leaves the coding acceptable.
bool acceptable(std::string_view parameters) {
    const auto q = parameters.find("q=");
    if (q == std::string_view::npos) {
        return true;
    }
    const auto value = trimmed(parameters.substr(q + 2));
    // q=0, q=0.0, q=0.000: refused; anything else is a preference, not a refusal.
    return value.find_first_not_of("0.") != std::string_view::npos;
}

} // namespace

std::string gzip_compress(std::string_view data) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, gzip_window_bits, memory_level,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib could not start compressing");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        throw std::runtime_error("zlib could not compress a response");
    }
    return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
    while (!accept_encoding.empty()) {
        const auto comma = accept_encoding.find(',');
        auto item = accept_encoding.substr(0, comma);
        const auto rest = comma == std::string_view::npos ? accept_encoding.size() : comma + 1;
        accept_encoding.remove_prefix(rest);
        const auto semicolon = item.find(';');
        const auto coding = trimmed(item.substr(0, semicolon));
        const auto parameters =
            semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon);
        if (boost::algorithm::iequals(coding, "gzip") || coding == "*") {
            return acceptable(parameters);
        }
    }
    return false;
}

} // namespace lightbox
