#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lightbox {

/// What went wrong, in terms of who is at fault; the server maps each kind to one HTTP
/// status in exactly one place.
enum class error_kind {
    bad_request,
    unauthorized,
    forbidden,
    not_found,
    payload_too_large,
};

/// A failure the caller can act on. Validation failures carry several messages; other
/// failures carry one. `bare` errors are answered without the reason phrase, as Immich
/// does for a few of its own.
class domain_error : public std::runtime_error {
public:
    domain_error(error_kind kind, std::string message, bool bare = false)
        : std::runtime_error(message), kind_(kind), messages_{std::move(message)}, bare_(bare) {}

    domain_error(error_kind kind, std::vector<std::string> messages)
        : std::runtime_error(messages.empty() ? std::string{} : messages.front()), kind_(kind),
          messages_(std::move(messages)), is_list_(true) {}

    error_kind kind() const noexcept { return kind_; }
    const std::vector<std::string>& messages() const noexcept { return messages_; }
    bool is_list() const noexcept { return is_list_; }
    bool bare() const noexcept { return bare_; }

private:
    error_kind kind_;
    std::vector<std::string> messages_;
    bool is_list_ = false;
    bool bare_ = false;
};

inline domain_error bad_request(std::string message) {
    return {error_kind::bad_request, std::move(message)};
}

inline domain_error validation_failed(std::vector<std::string> messages) {
    return {error_kind::bad_request, std::move(messages)};
}

inline domain_error unauthorized(std::string message) {
    return {error_kind::unauthorized, std::move(message)};
}

inline domain_error forbidden(std::string message = "Forbidden resource") {
    return {error_kind::forbidden, std::move(message)};
}

inline domain_error not_found(std::string message) {
    return {error_kind::not_found, std::move(message)};
}

/// The service-level "you may not" of Immich: `Not found or no album.read access`.
inline domain_error no_access(std::string_view permission) {
    return bad_request("Not found or no " + std::string(permission) + " access");
}

} // namespace lightbox
