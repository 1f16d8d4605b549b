#include "server/json/input.hpp"

#include "domain/error.hpp"
#include "domain/ids.hpp"
#include "domain/text/utf8.hpp"

#include <boost/json/parse.hpp>

namespace lightbox {

namespace {

std::string named(std::string_view key, std::string_view rule) {
    return std::string(key) + " " + std::string(rule);
}

} // namespace

json_input::json_input(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return;
    }
    boost::system::error_code ec;
    auto parsed = boost::json::parse(body, ec);
    if (ec) {
        throw bad_request("Malformed JSON body: " + ec.message());
    }
    if (!parsed.is_object()) {
        throw validation_failed({"request body must be a JSON object"});
    }
    body_ = std::move(parsed.as_object());
}

const boost::json::value* json_input::raw(std::string_view key) const {
    return body_.if_contains(key);
}

bool json_input::has(std::string_view key) const { return raw(key) != nullptr; }

bool json_input::is_null(std::string_view key) const {
    const auto* field = raw(key);
    return field && field->is_null();
}

std::optional<std::string> json_input::text(std::string_view key, bool required) {
    const auto* field = raw(key);
    if (!field || field->is_null()) {
        if (required) {
            fail(named(key, "must be a string"));
        }
        return std::nullopt;
    }
    if (!field->is_string()) {
        fail(named(key, "must be a string"));
        return std::nullopt;
    }
    std::string out(field->as_string());
    if (!is_storable_text(out)) {
        fail(named(key, "must be valid UTF-8 text without NUL characters"));
        return std::nullopt;
    }
    return out;
}

std::optional<std::optional<std::string>> json_input::nullable_text(std::string_view key) {
    if (!has(key)) {
        return std::nullopt;
    }
    if (is_null(key)) {
        return std::optional<std::string>{};
    }
    if (auto value = text(key)) {
        return std::optional<std::string>(std::move(*value));
    }
    return std::nullopt;
}

std::optional<std::string> json_input::non_empty_text(std::string_view key) {
    auto value = text(key, true);
    if (value && value->empty()) {
        fail(named(key, "should not be empty"));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> json_input::email(std::string_view key) {
    const auto* field = raw(key);
    if (!field || field->is_null() || (field->is_string() && field->as_string().empty())) {
        fail(named(key, "should not be empty"));
        fail(named(key, "must be an email"));
        return std::nullopt;
    }
    auto value = text(key);
    if (!value) {
        return std::nullopt;
    }
    const auto at = value->find('@');
    const bool ok = at != std::string::npos && at > 0 && at + 1 < value->size() &&
                    value->find('@', at + 1) == std::string::npos &&
                    value->find_first_of(" \t\r\n") == std::string::npos;
    if (!ok) {
        fail(named(key, "must be an email"));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> json_input::new_password(std::string_view key) {
    constexpr std::size_t longest = 256;
    auto value = non_empty_text(key);
    if (value && value->size() > longest) {
        fail(named(key, "must be shorter than or equal to 256 characters"));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> json_input::boolean(std::string_view key) {
    const auto* field = raw(key);
    if (!field) {
        return std::nullopt;
    }
    if (!field->is_bool()) {
        fail(named(key, "must be a boolean value"));
        return std::nullopt;
    }
    return field->as_bool();
}

std::optional<std::string> json_input::uuid(std::string_view key, bool required) {
    const auto* field = raw(key);
    if (!field || (field->is_null() && !required)) {
        if (required) {
            fail(named(key, "must be a UUID"));
        }
        return std::nullopt;
    }
    if (!field->is_string() || !is_uuid_v4(field->as_string())) {
        fail(named(key, "must be a UUID"));
        return std::nullopt;
    }
    return std::string(field->as_string());
}

std::optional<std::vector<std::string>> json_input::uuid_list(std::string_view key,
                                                              bool required) {
    const auto* field = raw(key);
    if (!field) {
        if (required) {
            fail(named(key, "must be an array"));
        }
        return std::nullopt;
    }
    if (!field->is_array()) {
        fail(named(key, "must be an array"));
        return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const auto& item : field->as_array()) {
        if (!item.is_string() || !is_uuid_v4(item.as_string())) {
            fail("each value in " + std::string(key) + " must be a UUID");
            return std::nullopt;
        }
        ids.emplace_back(item.as_string());
    }
    return ids;
}

std::optional<timestamp> json_input::date(std::string_view key) {
    const auto* field = raw(key);
    if (!field || field->is_null()) {
        return std::nullopt;
    }
    if (field->is_string()) {
        if (auto parsed = parse_iso(field->as_string())) {
            return parsed;
        }
    }
    fail(named(key, "must be a Date instance"));
    return std::nullopt;
}

std::optional<std::optional<timestamp>> json_input::nullable_date(std::string_view key) {
    if (!has(key)) {
        return std::nullopt;
    }
    if (is_null(key)) {
        return std::optional<timestamp>{};
    }
    if (auto value = date(key)) {
        return std::optional<timestamp>(*value);
    }
    return std::nullopt;
}

void json_input::finish() const {
    if (!errors_.empty()) {
        throw validation_failed(errors_);
    }
}

std::optional<bool> parse_bool_text(std::string_view text) {
    if (text == "true") {
        return true;
    }
    if (text == "false") {
        return false;
    }
    return std::nullopt;
}

} // namespace lightbox
