#pragma once

#include "domain/services/account_service.hpp"
#include "server/http/net.hpp"

#include <map>
#include <optional>
#include <string>

namespace lightbox {

enum class credential_kind { share_key, session_token, api_key };

struct credential {
    credential_kind kind;
    std::string value;
};

/// The credential a request presents, the first present in Immich's order: share key
/// (`x-immich-share-key`, `?key=`), session token (`Authorization: Bearer`,
/// `x-immich-user-token`, `?userToken=`, cookie `immich_access_token`), API key (`x-api-key`,
/// `?apiKey=`). Later ones are ignored even when the first one turns out invalid.
std::optional<credential> find_credential(const http::request_header<>& header,
                                          const std::map<std::string, std::string>& query);

/// The caller a credential stands for; throws `unauthorized` with the message of its kind
/// (`Invalid share key`, `Invalid user token`, `Invalid API key`). Blocks on the database:
/// call it on a worker thread.
caller authenticate(account_service& accounts, const credential& presented);

/// The value of one cookie in a `Cookie` header.
std::optional<std::string> cookie_value(std::string_view cookies, std::string_view name);

} // namespace lightbox
