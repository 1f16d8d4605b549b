#pragma once

#include "domain/error.hpp"
#include "domain/ids.hpp"
#include "server/app/app_context.hpp"
#include "server/app/blocking.hpp"
#include "server/http/reply.hpp"
#include "server/http/router.hpp"
#include "server/json/dto.hpp"
#include "server/json/input.hpp"

#include <string>

namespace lightbox {

/// Runs blocking service work on the worker pool.
template <class Work>
auto on_worker(app_context& app, Work work) {
    return run_on(app.workers.get_executor(), std::move(work));
}

/// The path parameter `name`, which must be a version-4 UUID.
inline std::string uuid_param(const request_context& context, const std::string& name = "id") {
    const auto& value = context.param(name);
    if (!is_uuid_v4(value)) {
        throw validation_failed({name + " must be a UUID"});
    }
    return value;
}

/// What the caller may see in a response: everything for users, the link's rules for guests.
inline audience audience_of(const caller& who) {
    return who.is_guest() ? guest_audience(*who.link) : audience::owner();
}

/// A boolean query parameter (`true` or `false` only); nothing when absent.
inline std::optional<bool> query_flag(const request_context& context, const std::string& name) {
    const auto text = context.query_value(name);
    if (!text) {
        return std::nullopt;
    }
    const auto flag = parse_bool_text(*text);
    if (!flag) {
        throw validation_failed({name + " must be a boolean value"});
    }
    return flag;
}

void add_server_info_routes(router& routes, app_context& app);
void add_auth_routes(router& routes, app_context& app);
void add_user_routes(router& routes, app_context& app);
void add_api_key_routes(router& routes, app_context& app);
void add_asset_routes(router& routes, app_context& app);
void add_upload_route(router& routes, app_context& app);
void add_album_routes(router& routes, app_context& app);
void add_shared_link_routes(router& routes, app_context& app);

} // namespace lightbox
