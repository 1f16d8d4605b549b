#include "server/http/reply.hpp"

#include <boost/json/serialize.hpp>

namespace lightbox {

namespace {

http::status status_for(error_kind kind) {
    switch (kind) {
    case error_kind::bad_request:
        return http::status::bad_request;
    case error_kind::unauthorized:
        return http::status::unauthorized;
    case error_kind::forbidden:
        return http::status::forbidden;
    case error_kind::not_found:
        return http::status::not_found;
    case error_kind::payload_too_large:
        return http::status::payload_too_large;
    }
    return http::status::bad_request;
}

} // namespace

http::status reply::status() const {
    return std::visit([](const auto& m) { return m.result(); }, message);
}

void reply::set_keep_alive(bool keep) {
    std::visit([keep](auto& m) { m.keep_alive(keep); }, message);
}

void reply::set_header(http::field name, std::string_view value) {
    std::visit([&](auto& m) { m.set(name, value); }, message);
}

void reply::set_header(std::string_view name, std::string_view value) {
    std::visit([&](auto& m) { m.set(name, value); }, message);
}

reply json_reply(http::status status, const boost::json::value& body) {
    string_response response{status, 11};
    response.set(http::field::content_type, "application/json; charset=utf-8");
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return {std::move(response)};
}

reply json_reply(http::status status, std::shared_ptr<const std::string> body) {
    shared_response response{status, 11};
    response.set(http::field::content_type, "application/json; charset=utf-8");
    response.body() = std::move(body);
    response.prepare_payload();
    return {std::move(response)};
}

reply empty_reply(http::status status) {
    string_response response{status, 11};
    response.prepare_payload();
    return {std::move(response)};
}

reply error_reply(const domain_error& error) {
    const auto status = status_for(error.kind());
    boost::json::object body;
    body["statusCode"] = static_cast<int>(status);
    if (error.is_list()) {
        boost::json::array messages;
        for (const auto& message : error.messages()) {
            messages.emplace_back(message);
        }
        body["message"] = std::move(messages);
    } else {
        body["message"] = error.messages().front();
    }
    if (!error.bare()) {
        body["error"] = std::string(http::obsolete_reason(status));
    }
    return json_reply(status, body);
}

reply internal_error_reply() {
    boost::json::object body{{"statusCode", 500}, {"message", "Internal server error"},
                             {"error", "Internal Server Error"}};
    return json_reply(http::status::internal_server_error, body);
}

} // namespace lightbox
