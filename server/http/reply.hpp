#pragma once

#include "domain/error.hpp"
#include "server/http/net.hpp"

#include <boost/json/value.hpp>

#include <variant>

namespace lightbox {

/// What a handler answers: a small in-memory body, or a file streamed from disk.
struct reply {
    std::variant<string_response, file_response, shared_response> message;

    http::status status() const;
    void set_keep_alive(bool keep);
    void set_header(http::field name, std::string_view value);
    void set_header(std::string_view name, std::string_view value);
};

reply json_reply(http::status status, const boost::json::value& body);
/// JSON already serialised, sent from shared bytes.
reply json_reply(http::status status, std::shared_ptr<const std::string> body);
reply empty_reply(http::status status);

/// The NestJS error body for a domain failure: `{"statusCode","message","error"}`.
reply error_reply(const domain_error& error);
/// A 500 that says nothing about the cause; the cause goes to the log.
reply internal_error_reply();

} // namespace lightbox
