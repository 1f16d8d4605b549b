#include "domain/media_types.hpp"
#include "server/routes/route_support.hpp"

#include <boost/json/array.hpp>

namespace lightbox {

namespace {

boost::json::array extension_list(const std::vector<std::string_view>& extensions) {
    boost::json::array out;
    for (const auto extension : extensions) {
        out.emplace_back(extension);
    }
    return out;
}

} // namespace

void add_server_info_routes(router& routes, app_context& app) {
    routes.add({http::verb::get, "/server-info/ping", route_access::open, false, false,
                [](request_context&) -> net::awaitable<reply> {
                    co_return json_reply(http::status::ok, {{"res", "pong"}});
                }});

    routes.add({http::verb::get, "/server-info/version", route_access::open, false, false,
                [](request_context&) -> net::awaitable<reply> {
                    co_return json_reply(http::status::ok,
                                         {{"major", 1}, {"minor", 81}, {"patch", 1}});
                }});

    routes.add({http::verb::get, "/server-info/media-types", route_access::open, false, false,
                [](request_context&) -> net::awaitable<reply> {
                    co_return json_reply(http::status::ok,
                                         {{"image", extension_list(image_extensions())},
                                          {"video", extension_list(video_extensions())},
                                          {"sidecar", extension_list(sidecar_extensions())}});
                }});
}

} // namespace lightbox
