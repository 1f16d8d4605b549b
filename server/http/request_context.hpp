#pragma once

#include "domain/services/caller.hpp"
#include "server/http/net.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lightbox {

/// The body of a request whose route streams it (uploads), read piece by piece.
class body_source {
public:
    virtual ~body_source() = default;
    /// Fills `buffer` with the next bytes; 0 means the body is complete.
    virtual net::awaitable<std::size_t> read_some(std::span<char> buffer) = 0;
};

/// Everything a handler knows about the request it answers.
struct request_context {
    const http::request_header<>& header;
    /// The path without the API prefix or the query, percent-decoded.
    std::string path;
    std::map<std::string, std::string> path_params;
    /// Query parameters; for a repeated name the first value wins.
    std::map<std::string, std::string> query;
    std::string request_id;
    /// Buffered routes: the whole body. Streaming routes: empty, see `body_stream`.
    std::string body;
    body_source* body_stream = nullptr;
    /// Set before the handler runs on every route that is not public.
    std::optional<caller> who;

    const std::string& param(const std::string& name) const { return path_params.at(name); }
    std::optional<std::string> query_value(const std::string& name) const;
    const caller& signed_in() const { return *who; }
};

} // namespace lightbox
