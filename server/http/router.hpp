#pragma once

#include "server/http/reply.hpp"
#include "server/http/request_context.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// Who may call a route.
enum class route_access {
    /// Anyone, no credentials read.
    open,
    /// A signed-in user or API key; a guest only where `guests` is set.
    signed_in,
    /// An administrator.
    admin,
};

using route_handler = std::function<net::awaitable<reply>(request_context&)>;

struct route {
    http::verb method;
    /// Segments, with `:name` for a parameter: `/shared-link/:id/assets`.
    std::string pattern;
    route_access access = route_access::signed_in;
    /// Whether a shared-link key may call it.
    bool guests = false;
    /// Whether the handler reads the body itself as it arrives.
    bool streams_body = false;
    route_handler handle;
};

struct route_match {
    const route* matched;
    std::map<std::string, std::string> params;
};

/// Finds the route for a method and path. Literal segments win over parameters, so
/// `/asset/file/:id` is found before `/asset/:deviceId`.
class router {
public:
    void add(route r);
    std::optional<route_match> match(http::verb method, const std::string& path) const;

private:
    std::vector<route> routes_;
};

} // namespace lightbox
