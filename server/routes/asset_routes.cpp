#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

#include <boost/json/value_to.hpp>

#include <algorithm>
#include <cctype>

namespace lightbox {

namespace {

std::string_view content_type_for(const std::string& path) {
    auto extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".jpg" || extension == ".jpeg") {
        return "image/jpeg";
    }
    if (extension == ".png") {
        return "image/png";
    }
    if (extension == ".gif") {
        return "image/gif";
    }
    if (extension == ".webp") {
        return "image/webp";
    }
    if (extension == ".heic" || extension == ".heif") {
        return "image/heic";
    }
    if (extension == ".tif" || extension == ".tiff") {
        return "image/tiff";
    }
    if (extension == ".mp4") {
        return "video/mp4";
    }
    if (extension == ".mov") {
        return "video/quicktime";
    }
    if (extension == ".webm") {
        return "video/webm";
    }
    return "application/octet-stream";
}

/// Opens the original on a worker thread and answers it as a file body. A guest whose link
/// hides metadata gets a copy without it instead, or nothing when none can be made.
net::awaitable<reply> original_reply(app_context& app, const caller& who, const asset& found) {
    const auto content_type = content_type_for(found.original_path);
    if (who.is_guest() && !who.link->show_exif) {
        auto stripped = co_await on_worker(
            app, [&] { return app.stripper.stripped_copy(found.original_path); });
        if (!stripped) {
            throw no_access("asset.download");
        }
        string_response response{http::status::ok, 11};
        response.set(http::field::content_type, content_type);
        response.set(http::field::cache_control, "private, max-age=86400, no-transform");
        response.body() = std::move(*stripped);
        response.prepare_payload();
        co_return reply{std::move(response)};
    }

    auto response = co_await on_worker(app, [&] {
        file_response out{http::status::ok, 11};
        beast::error_code ec;
        out.body().open(found.original_path.c_str(), beast::file_mode::scan, ec);
        if (ec) {
            throw bad_request("Asset file is missing");
        }
        return out;
    });
    response.set(http::field::content_type, content_type);
    response.set(http::field::cache_control, "private, max-age=86400, no-transform");
    response.prepare_payload();
    co_return reply{std::move(response)};
}

std::optional<timestamp> query_date(const request_context& context, const std::string& name) {
    const auto text = context.query_value(name);
    if (!text) {
        return std::nullopt;
    }
    const auto parsed = parse_iso(*text);
    if (!parsed) {
        throw validation_failed({name + " must be a Date instance"});
    }
    return parsed;
}

std::optional<long> query_count(const request_context& context, const std::string& name) {
    const auto text = context.query_value(name);
    if (!text) {
        return std::nullopt;
    }
    const bool digits = !text->empty() && text->size() < 10 &&
                        std::all_of(text->begin(), text->end(),
                                    [](unsigned char c) { return std::isdigit(c); });
    if (!digits) {
        throw validation_failed({name + " must be a positive integer"});
    }
    return std::stol(*text);
}

} // namespace

void add_asset_routes(router& routes, app_context& app) {
    routes.add({http::verb::post, "/asset/bulk-upload-check", route_access::signed_in, false,
                false, [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    std::vector<upload_check_item> items;
                    const auto* list = input.raw("assets");
                    if (!list || !list->is_array()) {
                        input.fail("assets must be an array");
                    } else {
                        for (const auto& entry : list->as_array()) {
                            const auto* object = entry.if_object();
                            const auto* id = object ? object->if_contains("id") : nullptr;
                            const auto* sum = object ? object->if_contains("checksum") : nullptr;
                            if (!id || !id->is_string() || !sum || !sum->is_string()) {
                                input.fail("each value in assets must have string id and "
                                           "checksum");
                                break;
                            }
                            items.push_back({std::string(id->as_string()),
                                             std::string(sum->as_string())});
                        }
                    }
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto checked = co_await on_worker(
                        app, [&] { return app.assets.bulk_upload_check(who, items); });
                    boost::json::array results;
                    for (const auto& each : checked) {
                        if (each.existing_asset_id.empty()) {
                            results.push_back({{"id", each.id}, {"action", "accept"}});
                        } else {
                            results.push_back({{"id", each.id},
                                               {"action", "reject"},
                                               {"reason", "duplicate"},
                                               {"assetId", each.existing_asset_id}});
                        }
                    }
                    co_return json_reply(http::status::ok, {{"results", std::move(results)}});
                }});

    // Not for guests (contract L3): it would tell a key holder which of the link owner's
    // assets exist outside the link, and their ids.
    routes.add({http::verb::post, "/asset/check", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    const auto device_asset_id = input.non_empty_text("deviceAssetId");
                    const auto device_id = input.non_empty_text("deviceId");
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto found = co_await on_worker(app, [&] {
                        return app.assets.find_by_device_asset(who, *device_id, *device_asset_id);
                    });
                    boost::json::object out{{"isExist", found.has_value()}};
                    if (found) {
                        out["id"] = found->id;
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::get, "/asset", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    asset_filter filter;
                    filter.is_favorite = query_flag(context, "isFavorite");
                    filter.is_archived = query_flag(context, "isArchived");
                    filter.updated_after = query_date(context, "updatedAfter");
                    filter.updated_before = query_date(context, "updatedBefore");
                    filter.skip = query_count(context, "skip");
                    filter.take = query_count(context, "take");
                    const auto& who = context.signed_in();
                    const auto found =
                        co_await on_worker(app, [&] { return app.assets.list(who, filter); });
                    co_return json_reply(http::status::ok, assets_json(found, audience::owner()));
                }});

    routes.add({http::verb::get, "/asset/:deviceId", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto device_id = context.param("deviceId");
                    const auto& who = context.signed_in();
                    const auto ids = co_await on_worker(
                        app, [&] { return app.assets.device_asset_ids(who, device_id); });
                    boost::json::array out;
                    for (const auto& id : ids) {
                        out.emplace_back(id);
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::get, "/asset/assetById/:id", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    const auto found =
                        co_await on_worker(app, [&] { return app.assets.get(who, id); });
                    co_return json_reply(http::status::ok, asset_json(found, audience_of(who)));
                }});

    routes.add({http::verb::put, "/asset/:id", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    json_input input(context.body);
                    asset_patch patch;
                    patch.is_favorite = input.boolean("isFavorite");
                    patch.is_archived = input.boolean("isArchived");
                    patch.description = input.text("description");
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto updated = co_await on_worker(
                        app, [&] { return app.assets.update(who, id, patch); });
                    co_return json_reply(http::status::ok, asset_json(updated));
                }});

    routes.add({http::verb::delete_, "/asset", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    const auto ids = input.uuid_list("ids", true);
                    input.finish();
                    const auto& who = context.signed_in();
                    const auto results =
                        co_await on_worker(app, [&] { return app.assets.remove(who, *ids); });
                    boost::json::array out;
                    for (const auto& each : results) {
                        out.push_back({{"id", each.id},
                                       {"status", each.deleted ? "SUCCESS" : "FAILED"}});
                    }
                    co_return json_reply(http::status::ok, out);
                }});

    routes.add({http::verb::get, "/asset/file/:id", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    const auto found = co_await on_worker(
                        app, [&] { return app.assets.get_for_download(who, id); });
                    co_return co_await original_reply(app, who, found);
                }});

    routes.add({http::verb::post, "/asset/download/:id", route_access::signed_in, true, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto id = uuid_param(context);
                    const auto& who = context.signed_in();
                    const auto found = co_await on_worker(
                        app, [&] { return app.assets.get_for_download(who, id); });
                    co_return co_await original_reply(app, who, found);
                }});
}

} // namespace lightbox
