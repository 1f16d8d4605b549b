#pragma once

#include "domain/services/account_service.hpp"
#include "server/http/net.hpp"

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace lightbox {

/// Who a socket speaks for and the one room it joins: a signed-in user's own room, or, for a
/// guest holding a shared-link key, only that link's room.
struct socket_identity {
    caller who;
    std::string room;

    bool is_guest() const { return who.is_guest(); }
};

/// The query parameters of the upgrade request; for a repeated name the first value wins.
std::map<std::string, std::string> query_of(std::string_view target);

/// Authenticates the upgrade request with the credentials REST accepts, in the same order.
/// Nothing when it presents none or an invalid one. Blocks: call it on a worker thread.
std::optional<socket_identity> authenticate_socket(account_service& accounts,
                                                   const http::request_header<>& upgrade,
                                                   const std::map<std::string, std::string>& query);

/// The last sequence a reconnecting client saw: `lastSequence` in its connect payload, else
/// in the query. Nothing when absent or not a non-negative integer.
std::optional<std::int64_t> last_sequence(const std::optional<boost::json::value>& auth,
                                          const std::map<std::string, std::string>& query);

} // namespace lightbox
