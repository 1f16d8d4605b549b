#include "server/http/serialised_view.hpp"

#include "server/http/gzip.hpp"

namespace lightbox {

view_body make_view_body(std::string json) {
    auto view = std::make_shared<serialised_view>();
    view->json = std::move(json);
    if (view->json.size() >= compress_from_bytes) {
        view->gzip = gzip_compress(view->json);
    }
    return view;
}

reply view_reply(const view_body& view, std::string_view accept_encoding) {
    const bool compressed = !view->gzip.empty() && accepts_gzip(accept_encoding);
    // Aliasing pointers: the response keeps the whole view alive and sends one of its strings.
    auto bytes = compressed ? std::shared_ptr<const std::string>(view, &view->gzip)
                            : std::shared_ptr<const std::string>(view, &view->json);
    auto answer = json_reply(http::status::ok, std::move(bytes));
    if (compressed) {
        answer.set_header(http::field::content_encoding, "gzip");
    }
    answer.set_header(http::field::vary, "Accept-Encoding");
    return answer;
}

} // namespace lightbox
