#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

namespace lightbox {

void add_api_key_routes(router& routes, app_context& app) {
    routes.add({http::verb::post, "/api-key", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    const auto name = input.text("name").value_or("");
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto created = co_await on_worker(
                        app, [&] { return app.accounts.create_api_key(who, name); });
                    co_return json_reply(http::status::created,
                                         {{"secret", created.secret},
                                          {"apiKey", api_key_json(created.key)}});
                }});

    routes.add({http::verb::get, "/api-key", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto& who = context.signed_in();
                    const auto keys =
                        co_await on_worker(app, [&] { return app.accounts.list_api_keys(who); });
                    boost::json::array out;
                    for (const auto& key : keys) {
                        out.push_back(api_key_json(key));
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::delete_, "/api-key/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    co_await on_worker(app, [&] { app.accounts.delete_api_key(who, id); });
                    co_return empty_reply(http::status::ok);
                }});
}

} // namespace lightbox
