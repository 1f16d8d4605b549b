#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

namespace lightbox {

namespace {

std::vector<std::string> read_ids(const request_context& context, std::string_view field) {
    json_input input(context.body);
    auto ids = input.uuid_list(field, true);
    input.finish();
    return ids.value_or(std::vector<std::string>{});
}

} // namespace

void add_album_routes(router& routes, app_context& app) {
    routes.add({http::verb::post, "/album", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    new_album request;
                    request.album_name = input.non_empty_text("albumName").value_or("");
                    request.description = input.text("description").value_or("");
                    request.shared_with_user_ids =
                        input.uuid_list("sharedWithUserIds").value_or(std::vector<std::string>{});
                    request.asset_ids =
                        input.uuid_list("assetIds").value_or(std::vector<std::string>{});
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto view =
                        co_await on_worker(app, [&] { return app.albums.create(who, request); });
                    co_return json_reply(http::status::created, album_json(view));
                }});

    routes.add({http::verb::get, "/album", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    album_query query;
                    query.shared = query_flag(context, "shared");
                    if (const auto asset_id = context.query_value("assetId")) {
                        if (!is_uuid_v4(*asset_id)) {
                            throw validation_failed({"assetId must be a UUID"});
                        }
                        query.asset_id = asset_id;
                    }
                    const auto& who = context.signed_in();
                    const auto views =
                        co_await on_worker(app, [&] { return app.albums.list(who, query); });
                    boost::json::array out;
                    for (const auto& view : views) {
                        out.push_back(album_json(view));
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::get, "/album/:id", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const bool with_assets = !query_flag(context, "withoutAssets").value_or(false);
                    const auto& who = context.signed_in();
                    const auto view = co_await on_worker(
                        app, [&] { return app.albums.get(who, id, with_assets); });
                    co_return json_reply(http::status::ok, album_json(view, audience_of(who)));
                }});

    routes.add({http::verb::patch, "/album/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    json_input input(context.body);
                    album_patch patch;
                    patch.album_name = input.text("albumName");
                    patch.description = input.text("description");
                    patch.album_thumbnail_asset_id = input.uuid("albumThumbnailAssetId");
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto view = co_await on_worker(
                        app, [&] { return app.albums.update(who, id, patch); });
                    co_return json_reply(http::status::ok, album_json(view));
                }});

    routes.add({http::verb::delete_, "/album/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    co_await on_worker(app, [&] { app.albums.remove(who, id); });
                    co_return empty_reply(http::status::ok);
                }});

    routes.add({http::verb::put, "/album/:id/assets", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto ids = read_ids(context, "ids");
                    const auto& who = context.signed_in();
                    const auto results = co_await on_worker(
                        app, [&] { return app.albums.add_assets(who, id, ids); });
                    co_return json_reply(http::status::ok, asset_id_results_json(results, "id"));
                }});

    routes.add({http::verb::delete_, "/album/:id/assets", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto ids = read_ids(context, "ids");
                    const auto& who = context.signed_in();
                    const auto results = co_await on_worker(
                        app, [&] { return app.albums.remove_assets(who, id, ids); });
                    co_return json_reply(http::status::ok, asset_id_results_json(results, "id"));
                }});

    routes.add({http::verb::put, "/album/:id/users", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    json_input input(context.body);
                    const auto user_ids = input.uuid_list("sharedUserIds", true);
                    if (user_ids && user_ids->empty()) {
                        input.fail("sharedUserIds should not be empty");
                    }
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto view = co_await on_worker(
                        app, [&] { return app.albums.add_users(who, id, *user_ids); });
                    // The album's new `updatedAt` shows in its links' views, though no link
                    // event tells the cache (links' guests do not hear who an album is
                    // shared with).
                    app.link_views.album_changed(id);
                    co_return json_reply(http::status::ok, album_json(view));
                }});

    routes.add({http::verb::delete_, "/album/:id/user/:userId", route_access::signed_in, false,
                false, [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto user_id = context.param("userId");
                    if (user_id != "me" && !is_uuid_v4(user_id)) {
                        throw bad_request("Validation failed (uuid v 4 is expected)");
                    }
                    const auto& who = context.signed_in();
                    co_await on_worker(app, [&] { app.albums.remove_user(who, id, user_id); });
                    co_return empty_reply(http::status::ok);
                }});
}

} // namespace lightbox
