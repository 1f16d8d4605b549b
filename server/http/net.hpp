#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/http/shared_body.hpp"

namespace lightbox {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

using string_response = http::response<http::string_body>;
using file_response = http::response<http::file_body>;
using shared_response = http::response<shared_string_body>;

} // namespace lightbox
