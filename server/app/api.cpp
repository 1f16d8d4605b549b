#include "server/app/api.hpp"

#include "server/app/log.hpp"
#include "server/auth/credentials.hpp"
#include "server/routes/route_support.hpp"

#include <boost/system/system_error.hpp>

namespace lightbox {

namespace {

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

net::awaitable<void> admit(app_context& app, const route& matched, request_context& context) {
    const auto presented = find_credential(context.header, context.query);
    if (!presented) {
        throw unauthorized("Authentication required");
    }
    context.who = co_await on_worker(app, [&] { return authenticate(app.accounts, *presented); });
    if (context.who->is_guest() && !matched.guests) {
        throw forbidden();
    }
    if (matched.access == route_access::admin && !context.who->actor.is_admin) {
        throw forbidden();
    }
}

} // namespace

router make_api_routes(app_context& app) {
    router routes;
    add_server_info_routes(routes, app);
    add_auth_routes(routes, app);
    add_user_routes(routes, app);
    add_api_key_routes(routes, app);
    add_asset_routes(routes, app);
    add_upload_route(routes, app);
    add_album_routes(routes, app);
    add_shared_link_routes(routes, app);
    return routes;
}

net::awaitable<reply> run_route(app_context& app, const route& matched,
                                request_context& context) {
    try {
        if (matched.access != route_access::open) {
            co_await admit(app, matched, context);
        }
        co_return co_await matched.handle(context);
    } catch (const domain_error& error) {
        co_return error_reply(error);
    } catch (const boost::system::system_error&) {
        throw;
    } catch (const std::exception& error) {
        log_error("unexpected failure")
            .field("request_id", context.request_id)
            .field("route", matched.pattern)
            .field("error", error.what());
        co_return internal_error_reply();
    }
}

} // namespace lightbox
