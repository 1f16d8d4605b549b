#pragma once

// Checks the API suites share: reading ids and fields out of JSON answers, and the NestJS
// error bodies (`{"statusCode","message","error"}`) the contract prescribes.
#include "test_client.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::testing {

/// A well-formed UUID nothing has.
inline const std::string unknown_id = "00000000-0000-4000-a000-000000000000";

inline std::string text(const boost::json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

inline std::vector<std::string> ids_of(const boost::json::array& items,
                                       std::string_view key = "id") {
    std::vector<std::string> ids;
    for (const auto& item : items) {
        ids.push_back(text(item, key));
    }
    return ids;
}

inline bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

inline std::set<std::string> keys_of(const boost::json::object& object) {
    std::set<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace(entry.key());
    }
    return keys;
}

/// The body as JSON, or null when it is not JSON.
inline boost::json::value parsed(const http_result& result) {
    boost::system::error_code ec;
    auto body = boost::json::parse(result.body, ec);
    return ec ? boost::json::value(nullptr) : body;
}

inline void check_error(const http_result& result, int status, const std::string& message) {
    BOOST_TEST(result.status == status, "status " << result.status << " body " << result.body);
    const auto body = parsed(result);
    const auto* error = body.if_object();
    if (!error || !error->contains("message") || !error->contains("statusCode")) {
        BOOST_ERROR("not an error body: " << result.body);
        return;
    }
    BOOST_TEST(error->at("statusCode") == boost::json::value(status));
    BOOST_TEST(error->at("message") == boost::json::value(message), result.body);
}

/// A 400 whose message is a class-validator style array holding `message`.
inline void check_validation(const http_result& result, const std::string& message) {
    BOOST_TEST(result.status == 400, "status " << result.status << " body " << result.body);
    const auto body = parsed(result);
    const auto* error = body.if_object();
    if (!error || !error->contains("message") || !error->at("message").is_array()) {
        BOOST_ERROR("not a validation error body: " << result.body);
        return;
    }
    BOOST_TEST(error->at("error") == boost::json::value("Bad Request"));
    const auto& messages = body.at("message").as_array();
    BOOST_TEST((std::find(messages.begin(), messages.end(), boost::json::value(message)) !=
                messages.end()),
               "expected " << message << " in " << result.body);
}

} // namespace lightbox::testing
