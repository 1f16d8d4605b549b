#include "server/http/gzip.hpp"
#include "server/http/serialised_view.hpp"
#include "support/gunzip.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace lightbox;
using lightbox::testing::gunzip;

namespace {

std::string asset_list(int count) {
    std::string json = "[";
    for (int i = 0; i < count; ++i) {
        json += R"({"id":")" + std::to_string(i) +
                R"(","exifInfo":{"make":"NIKON","model":"D70"}},)";
    }
    json.back() = ']';
    return json;
}

} // namespace

BOOST_AUTO_TEST_SUITE(gzip)

BOOST_AUTO_TEST_CASE(a_compressed_body_inflates_to_the_same_bytes) {
    const auto json = asset_list(5000);
    const auto compressed = gzip_compress(json);
    BOOST_TEST(compressed.size() < json.size() / 5);
    BOOST_TEST(gunzip(compressed) == json);
    BOOST_TEST(gunzip(gzip_compress("")).empty());
}

BOOST_AUTO_TEST_CASE(only_large_views_keep_a_compressed_copy) {
    const auto small = make_view_body(asset_list(10));
    BOOST_TEST(small->gzip.empty());
    const auto large = make_view_body(asset_list(5000));
    BOOST_REQUIRE(!large->gzip.empty());
    BOOST_TEST(gunzip(large->gzip) == large->json);
}

BOOST_AUTO_TEST_CASE(accept_encoding_is_read_as_clients_write_it) {
    BOOST_TEST(accepts_gzip("gzip"));
    BOOST_TEST(accepts_gzip("gzip, deflate, br"));
    BOOST_TEST(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    BOOST_TEST(accepts_gzip(" deflate , gzip ; q=0.001"));
    BOOST_TEST(accepts_gzip("*"));
    BOOST_TEST(!accepts_gzip(""));
    BOOST_TEST(!accepts_gzip("identity"));
    BOOST_TEST(!accepts_gzip("deflate, br"));
    BOOST_TEST(!accepts_gzip("gzip;q=0"));
    BOOST_TEST(!accepts_gzip("gzip; q=0.000"));
    BOOST_TEST(!accepts_gzip("x-gzip"));
}

BOOST_AUTO_TEST_CASE(a_view_is_sent_compressed_only_to_who_accepts_it) {
    const auto large = make_view_body(asset_list(5000));
    const auto compressed = view_reply(large, "gzip, deflate");
    const auto& zipped = std::get<shared_response>(compressed.message);
    BOOST_TEST(zipped[http::field::content_encoding] == "gzip");
    BOOST_TEST(zipped[http::field::vary] == "Accept-Encoding");
    BOOST_TEST(*zipped.body() == large->gzip);

    const auto plain = view_reply(large, "br");
    const auto& unzipped = std::get<shared_response>(plain.message);
    BOOST_TEST(unzipped[http::field::content_encoding].empty());
    BOOST_TEST(*unzipped.body() == large->json);
    BOOST_TEST(unzipped[http::field::content_length] == std::to_string(large->json.size()));
}

BOOST_AUTO_TEST_SUITE_END()
