#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

#include <boost/json/serialize.hpp>

namespace lightbox {

namespace {

/// Runs a mutation of one shared link on that link's strand. The strand is held until the
/// work is done, so every mutation of the link that arrives meanwhile queues behind it.
template <class Work>
net::awaitable<std::invoke_result_t<Work&>> on_link_strand(app_context& app,
                                                           std::string link_id, Work work) {
    const auto strand = app.strands.of(link_id);
    co_return co_await run_on(*strand, std::move(work));
}

new_shared_link read_new_link(json_input& input) {
    new_shared_link request;
    const auto type = input.text("type", true);
    if (type) {
        if (const auto parsed = parse_shared_link_type(*type)) {
            request.type = *parsed;
        } else {
            input.fail("type must be one of the following values: ALBUM, INDIVIDUAL");
        }
    }
    request.asset_ids = input.uuid_list("assetIds").value_or(std::vector<std::string>{});
    request.album_id = input.uuid("albumId");
    request.description = input.text("description");
    if (request.description && request.description->empty()) {
        request.description.reset();
    }
    request.expires_at = input.nullable_date("expiresAt").value_or(std::nullopt);
    request.allow_upload = input.boolean("allowUpload").value_or(false);
    request.allow_download = input.boolean("allowDownload").value_or(true);
    request.show_exif = input.boolean("showExif").value_or(true);
    return request;
}

shared_link_patch read_patch(json_input& input) {
    shared_link_patch patch;
    patch.description = input.nullable_text("description");
    patch.expires_at = input.nullable_date("expiresAt");
    patch.allow_upload = input.boolean("allowUpload");
    patch.allow_download = input.boolean("allowDownload");
    patch.show_exif = input.boolean("showExif");
    return patch;
}

/// A view serialised once, to be sent to many from the same bytes.
view_body serialised(const boost::json::object& view) {
    return make_view_body(boost::json::serialize(view));
}

std::string_view accepted_encodings(const request_context& context) {
    const auto found = context.header.find(http::field::accept_encoding);
    if (found == context.header.end()) {
        return {};
    }
    const auto value = found->value();
    return {value.data(), value.size()};
}

std::vector<std::string> read_asset_ids(const request_context& context) {
    json_input input(context.body);
    auto ids = input.uuid_list("assetIds", true);
    input.finish();
    return ids.value_or(std::vector<std::string>{});
}

} // namespace

void add_shared_link_routes(router& routes, app_context& app) {
    routes.add({http::verb::get, "/shared-link", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto& who = context.signed_in();
                    const auto links = co_await on_worker(app, [&] { return app.links.list(who); });
                    boost::json::array out;
                    for (const auto& view : links) {
                        out.push_back(shared_link_json(view, {false, true, false}));
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::post, "/shared-link", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    const auto request = read_new_link(input);
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto created =
                        co_await on_worker(app, [&] { return app.links.create(who, request); });
                    co_return json_reply(http::status::created, shared_link_json(created));
                }});

    routes.add({http::verb::get, "/shared-link/me", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto& who = context.signed_in();
                    if (!who.is_guest()) {
                        throw domain_error(error_kind::forbidden, "Forbidden", true);
                    }
                    if (auto cached = app.link_views.find_guest_view(who.link->id)) {
                        co_return view_reply(cached, accepted_encodings(context));
                    }
                    const auto since = app.link_views.version();
                    shared_link shown;
                    auto body = co_await on_worker(app, [&] {
                        const auto view = app.links.get_mine(who);
                        shown = view.link;
                        return serialised(shared_link_json(view, guest_audience(view.link)));
                    });
                    app.link_views.remember_guest_view(shown, body, since);
                    co_return view_reply(body, accepted_encodings(context));
                }});

    routes.add({http::verb::get, "/shared-link/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    if (auto cached = app.link_views.find_owner_view(id, who.id())) {
                        co_return view_reply(cached, accepted_encodings(context));
                    }
                    const auto since = app.link_views.version();
                    shared_link shown;
                    auto body = co_await on_worker(app, [&] {
                        const auto view = app.links.get(who, id);
                        shown = view.link;
                        return serialised(shared_link_json(view));
                    });
                    app.link_views.remember_owner_view(shown, body, since);
                    co_return view_reply(body, accepted_encodings(context));
                }});

    routes.add({http::verb::patch, "/shared-link/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    json_input input(context.body);
                    const auto patch = read_patch(input);
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto view = co_await on_link_strand(
                        app, id, [&] { return app.links.update(who, id, patch); });
                    co_return json_reply(http::status::ok, shared_link_json(view));
                }});

    routes.add({http::verb::delete_, "/shared-link/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    co_await on_link_strand(app, id, [&] { app.links.remove(who, id); });
                    co_return empty_reply(http::status::ok);
                }});

    routes.add({http::verb::put, "/shared-link/:id/assets", route_access::signed_in, false,
                false, [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto ids = read_asset_ids(context);
                    const auto& who = context.signed_in();
                    const auto results = co_await on_link_strand(
                        app, id, [&] { return app.links.add_assets(who, id, ids); });
                    co_return json_reply(http::status::ok,
                                         asset_id_results_json(results, "assetId"));
                }});

    routes.add({http::verb::delete_, "/shared-link/:id/assets", route_access::signed_in, false,
                false, [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto ids = read_asset_ids(context);
                    const auto& who = context.signed_in();
                    const auto results = co_await on_link_strand(
                        app, id, [&] { return app.links.remove_assets(who, id, ids); });
                    co_return json_reply(http::status::ok,
                                         asset_id_results_json(results, "assetId"));
                }});
}

} // namespace lightbox
