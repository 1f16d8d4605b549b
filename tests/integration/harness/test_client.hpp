#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lightbox::testing {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_result {
    int status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers;

    boost::json::value json() const;
    std::string header(const std::string& name) const;
};

/// A plain HTTP/1.1 client for tests: one connection per request, to 127.0.0.1 only.
class test_client {
public:
    explicit test_client(unsigned short port) : port_(port) {}

    http_result request(const std::string& method, const std::string& target,
                        const std::string& body = {}, const header_list& headers = {},
                        const std::string& content_type = "application/json") const;

    http_result get(const std::string& target, const header_list& headers = {}) const;
    http_result post(const std::string& target, const boost::json::value& body,
                     const header_list& headers = {}) const;
    http_result put(const std::string& target, const boost::json::value& body,
                    const header_list& headers = {}) const;
    http_result patch(const std::string& target, const boost::json::value& body,
                      const header_list& headers = {}) const;
    http_result del(const std::string& target, const header_list& headers = {},
                    const std::string& body = {}) const;

    /// Sends `raw` bytes as they are and returns whatever comes back until the server closes
    /// the connection or `timeout_ms` passes.
    std::string raw_exchange(const std::string& raw, int timeout_ms = 3000) const;

    unsigned short port() const { return port_; }

private:
    unsigned short port_;
};

/// A multipart/form-data upload body as Node's form-data package builds it.
struct multipart_body {
    std::string boundary = "--------------------------lightbox0123456789";
    std::string content;

    void field(const std::string& name, const std::string& value);
    void file(const std::string& name, const std::string& file_name, const std::string& bytes,
              const std::string& content_type = "image/jpeg");
    std::string finish();
    std::string content_type() const { return "multipart/form-data; boundary=" + boundary; }
};

header_list bearer(const std::string& token);
header_list with_api_key(const std::string& key);
header_list with_share_key(const std::string& key);

} // namespace lightbox::testing
