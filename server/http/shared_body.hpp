#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

#include <memory>
#include <string>
#include <utility>

namespace lightbox {

/// A response body shared by many responses without copying: a cached, pre-serialised view
/// goes out to every guest from the same bytes.
struct shared_string_body {
    using value_type = std::shared_ptr<const std::string>;

    static std::uint64_t size(const value_type& body) { return body ? body->size() : 0; }

    class writer {
    public:
        using const_buffers_type = boost::asio::const_buffer;

        template <bool is_request, class Fields>
        writer(const boost::beast::http::header<is_request, Fields>&, const value_type& body)
            : body_(body) {}

        void init(boost::beast::error_code& ec) { ec = {}; }

        boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
            ec = {};
            if (sent_ || !body_) {
                return boost::none;
            }
            sent_ = true;
            return std::pair{const_buffers_type(body_->data(), body_->size()), false};
        }

    private:
        const value_type& body_;
        bool sent_ = false;
    };
};

} // namespace lightbox
