#pragma once

#include "domain/time.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox {

/// Reads a JSON request body field by field, collecting class-validator style messages
/// (`albumId must be a UUID`) and throwing them together as one 400 in `finish()`. Unknown
/// fields are ignored, as Immich's whitelist validation does.
class json_input {
public:
    /// An empty body reads as `{}`; anything but a JSON object is a 400.
    explicit json_input(std::string_view body);

    bool has(std::string_view key) const;
    bool is_null(std::string_view key) const;

    std::optional<std::string> text(std::string_view key, bool required = false);
    /// Present and null gives an empty inner optional.
    std::optional<std::optional<std::string>> nullable_text(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::string> uuid(std::string_view key, bool required = false);
    std::optional<std::vector<std::string>> uuid_list(std::string_view key, bool required = false);
    std::optional<timestamp> date(std::string_view key);
    std::optional<std::optional<timestamp>> nullable_date(std::string_view key);
    /// A required non-empty string.
    std::optional<std::string> non_empty_text(std::string_view key);
    std::optional<std::string> email(std::string_view key);
    /// A new password: non-empty and at most 256 bytes (bcrypt cannot take much more).
    std::optional<std::string> new_password(std::string_view key);
    const boost::json::value* raw(std::string_view key) const;

    void fail(std::string message) { errors_.push_back(std::move(message)); }
    void finish() const;

private:
    boost::json::object body_;
    std::vector<std::string> errors_;
};

/// Query and multipart values arrive as text: `"true"`/`"false"` only.
std::optional<bool> parse_bool_text(std::string_view text);

} // namespace lightbox
