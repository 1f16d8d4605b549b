#include "server/app/api.hpp"

#include "server/app/log.hpp"
#include "server/auth/credentials.hpp"
#include "server/routes/route_support.hpp"

#include <boost/system/system_error.hpp>

namespace lightbox {

namespace {

/// A share key is looked up in the guest cache first: guests come back often and their key
/// then opens the link without touching the database (its expiry is still checked).
net::awaitable<caller> authenticate_guest(app_context& app, const credential& presented) {
    const auto raw_key = decode_share_key(presented.value);
    if (auto cached = app.link_views.find_guest(raw_key)) {
        co_return std::move(*cached);
    }
    const auto since = app.link_views.version();
    auto guest = co_await on_worker(app, [&] { return authenticate(app.accounts, presented); });
    app.link_views.remember_guest(raw_key, guest, since);
    co_return guest;
}

net::awaitable<void> admit(app_context& app, const route& matched, request_context& context) {
    const auto presented = find_credential(context.header, context.query);
    if (!presented) {
        throw unauthorized("Authentication required");
    }
    if (presented->kind == credential_kind::share_key) {
        context.who = co_await authenticate_guest(app, *presented);
    } else {
        context.who =
            co_await on_worker(app, [&] { return authenticate(app.accounts, *presented); });
    }
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
            .field("error", loggable_error(error));
        co_return internal_error_reply();
    }
}

} // namespace lightbox
