#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

namespace lightbox {

void add_user_routes(router& routes, app_context& app) {
    routes.add({http::verb::get, "/user/me", route_access::signed_in, false, false,
                [](request_context& context) -> net::awaitable<reply> {
                    co_return json_reply(http::status::ok, user_json(context.signed_in().actor));
                }});

    routes.add({http::verb::get, "/user", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    // Immich's flag reads backwards: isAll=true hides deleted users.
                    const auto is_all = context.query_value("isAll");
                    std::optional<bool> flag;
                    if (is_all) {
                        flag = parse_bool_text(*is_all);
                        if (!flag) {
                            throw validation_failed({"isAll must be a boolean value"});
                        }
                    }
                    const bool include_deleted = !flag.value_or(false);
                    const auto users = co_await on_worker(
                        app, [&] { return app.accounts.list_users(include_deleted); });
                    boost::json::array out;
                    for (const auto& each : users) {
                        out.push_back(user_json(each));
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::get, "/user/info/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto found =
                        co_await on_worker(app, [&] { return app.accounts.get_user(id); });
                    co_return json_reply(http::status::ok, user_json(found));
                }});

    routes.add({http::verb::post, "/user", route_access::admin, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    new_user request;
                    request.email = input.email("email").value_or("");
                    request.password = input.new_password("password").value_or("");
                    request.first_name = input.non_empty_text("firstName").value_or("");
                    request.last_name = input.non_empty_text("lastName").value_or("");
                    request.storage_label = input.nullable_text("storageLabel").value_or(
                        std::optional<std::string>{});
                    request.external_path = input.nullable_text("externalPath").value_or(
                        std::optional<std::string>{});
                    request.memories_enabled = input.boolean("memoriesEnabled");
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto created = co_await on_worker(
                        app, [&] { return app.accounts.create_user(who, request); });
                    co_return json_reply(http::status::created, user_json(created));
                }});

    routes.add({http::verb::delete_, "/user/:id", route_access::admin, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    const auto deleted = co_await on_worker(
                        app, [&] { return app.accounts.delete_user(who, id); });
                    co_return json_reply(http::status::ok, user_json(deleted));
                }});
}

} // namespace lightbox
