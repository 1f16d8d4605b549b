#pragma once

#include "server/app/app_context.hpp"
#include "server/http/router.hpp"

namespace lightbox {

/// Every route of the API.
router make_api_routes(app_context& app);

/// Runs a matched route: authenticates the caller where the route needs it, enforces who may
/// call it, then calls the handler. Domain failures become their error replies; anything
/// unexpected is logged and answered with a 500 that reveals nothing.
net::awaitable<reply> run_route(app_context& app, const route& matched, request_context& context);

} // namespace lightbox
