#include "server/auth/credentials.hpp"

#include "domain/error.hpp"

#include <boost/beast/core/string.hpp>

namespace lightbox {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<std::string> header_value(const http::request_header<>& header,
                                        std::string_view name) {
    const auto found = header.find(name);
    if (found == header.end()) {
        return std::nullopt;
    }
    return std::string(trim(found->value()));
}

std::optional<std::string> query_value(const std::map<std::string, std::string>& query,
                                       const std::string& name) {
    const auto found = query.find(name);
    if (found == query.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<std::string> bearer_token(const http::request_header<>& header) {
    const auto found = header.find(http::field::authorization);
    if (found == header.end()) {
        return std::nullopt;
    }
    const auto value = trim(found->value());
    constexpr std::string_view scheme = "bearer ";
    if (value.size() <= scheme.size() ||
        !beast::iequals(value.substr(0, scheme.size()), scheme)) {
        return std::nullopt;
    }
    return std::string(trim(value.substr(scheme.size())));
}

} // namespace

caller authenticate(account_service& accounts, const credential& presented) {
    switch (presented.kind) {
    case credential_kind::share_key:
        return accounts.authenticate_share_key(presented.value);
    case credential_kind::session_token:
        return accounts.authenticate_session(presented.value);
    case credential_kind::api_key:
        return accounts.authenticate_api_key(presented.value);
    }
    throw unauthorized("Authentication required");
}

std::optional<std::string> cookie_value(std::string_view cookies, std::string_view name) {
    while (!cookies.empty()) {
        const auto semicolon = cookies.find(';');
        const auto pair = trim(cookies.substr(0, semicolon));
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
            return std::string(trim(pair.substr(eq + 1)));
        }
        if (semicolon == std::string_view::npos) {
            break;
        }
        cookies.remove_prefix(semicolon + 1);
    }
    return std::nullopt;
}

std::optional<credential> find_credential(const http::request_header<>& header,
                                          const std::map<std::string, std::string>& query) {
    if (auto key = header_value(header, "x-immich-share-key")) {
        return credential{credential_kind::share_key, std::move(*key)};
    }
    if (auto key = query_value(query, "key")) {
        return credential{credential_kind::share_key, std::move(*key)};
    }

    if (auto token = bearer_token(header)) {
        return credential{credential_kind::session_token, std::move(*token)};
    }
    if (auto token = header_value(header, "x-immich-user-token")) {
        return credential{credential_kind::session_token, std::move(*token)};
    }
    if (auto token = query_value(query, "userToken")) {
        return credential{credential_kind::session_token, std::move(*token)};
    }
    if (const auto cookies = header.find(http::field::cookie); cookies != header.end()) {
        if (auto token = cookie_value(cookies->value(), "immich_access_token")) {
            return credential{credential_kind::session_token, std::move(*token)};
        }
    }

    if (auto key = header_value(header, "x-api-key")) {
        return credential{credential_kind::api_key, std::move(*key)};
    }
    if (auto key = query_value(query, "apiKey")) {
        return credential{credential_kind::api_key, std::move(*key)};
    }
    return std::nullopt;
}

} // namespace lightbox
