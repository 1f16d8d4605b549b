#include "server/http/multipart_parser.hpp"
#include "support/fixtures.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace lightbox;
using namespace std::string_literals;
using lightbox::testing::fixture;
using lightbox::testing::read_file;

namespace {

/// What Node's `form-data` package (and so the Immich CLI) puts in a Content-Type: 26 dashes
/// and 24 digits. Each boundary line on the wire adds two more dashes in front.
const std::string node_boundary = "--------------------------839210573649182736450192";

struct recorded_part {
    multipart_part_header header;
    std::string data;
    std::size_t data_calls = 0;
    bool ended = false;
};

/// Keeps every part whole, and fails the test if the parser calls it out of order.
class recording_handler : public multipart_handler {
public:
    std::vector<recorded_part> parts;

    void on_part_begin(const multipart_part_header& header) override {
        BOOST_REQUIRE(parts.empty() || parts.back().ended);
        parts.push_back({header, {}, 0, false});
    }

    void on_part_data(std::string_view data) override {
        // Checked by hand: a Boost.Test assertion per byte would dominate the byte-by-byte runs.
        if (parts.empty() || parts.back().ended || data.empty()) {
            BOOST_FAIL("part data outside a part, or empty");
        }
        parts.back().data += data;
        ++parts.back().data_calls;
    }

    void on_part_end() override {
        BOOST_REQUIRE(!parts.empty() && !parts.back().ended);
        parts.back().ended = true;
    }
};

/// A multipart body laid out byte for byte as Node's `form-data` lays it out.
class form_data_body {
public:
    explicit form_data_body(std::string boundary) : boundary_(std::move(boundary)) {}

    form_data_body& field(const std::string& name, const std::string& value) {
        body_ += "--" + boundary_ + "\r\n";
        body_ += "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n";
        body_ += value + "\r\n";
        return *this;
    }

    form_data_body& file(const std::string& name, const std::string& file_name,
                         const std::string& content_type, const std::string& bytes) {
        body_ += "--" + boundary_ + "\r\n";
        body_ += "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file_name +
                 "\"\r\n";
        body_ += "Content-Type: " + content_type + "\r\n\r\n";
        body_ += bytes + "\r\n";
        return *this;
    }

    std::string close() const { return body_ + "--" + boundary_ + "--\r\n"; }

private:
    std::string boundary_;
    std::string body_;
};

/// The size of the next chunk to feed.
using chunking = std::function<std::size_t()>;

chunking fixed(std::size_t size) {
    return [size] {
        return size;
    };
}

chunking random_sizes(unsigned seed, std::size_t largest) {
    auto engine = std::make_shared<std::mt19937>(seed);
    return [engine, largest] {
        return std::uniform_int_distribution<std::size_t>(1, largest)(*engine);
    };
}

/// Feeds `body` in the chunks `next_size` asks for, then finishes.
std::vector<recorded_part> parse(const std::string& boundary, std::string_view body,
                                 const chunking& next_size, std::size_t* peak_buffer = nullptr) {
    recording_handler handler;
    multipart_parser parser(boundary, handler);
    for (std::size_t offset = 0; offset < body.size();) {
        const auto size = std::min(next_size(), body.size() - offset);
        parser.feed(body.substr(offset, size));
        offset += size;
        if (peak_buffer) {
            *peak_buffer = std::max(*peak_buffer, parser.buffered_bytes());
        }
    }
    parser.finish();
    BOOST_TEST(parser.done());
    return std::move(handler.parts);
}

std::vector<recorded_part> parse_whole(const std::string& boundary, std::string_view body) {
    return parse(boundary, body, fixed(body.size() + 1));
}

/// True when feeding `body` (whole, then byte by byte) and finishing throws multipart_error.
bool rejects(const std::string& boundary, std::string_view body) {
    for (const std::size_t size : {body.size() + 1, std::size_t{1}}) {
        recording_handler handler;
        multipart_parser parser(boundary, handler);
        try {
            for (std::size_t offset = 0; offset < body.size(); offset += size) {
                parser.feed(body.substr(offset, size));
            }
            parser.finish();
            return false;
        } catch (const multipart_error&) {
            BOOST_CHECK_THROW(parser.feed("more"), multipart_error);
        }
    }
    return true;
}

const std::vector<std::pair<std::string, std::string>> cli_fields = {
    {"deviceAssetId", "sony-alpha-6000.jpg-6586368"},
    {"deviceId", "CLI"},
    {"fileCreatedAt", "2016-01-21T10:18:22.000Z"},
    {"fileModifiedAt", "2016-01-21T10:18:22.000Z"},
    {"isFavorite", "false"},
};

std::string cli_upload(const std::string& photo) {
    form_data_body body(node_boundary);
    for (const auto& [name, value] : cli_fields) {
        body.field(name, value);
    }
    body.file("assetData", "test1.jpg", "image/jpeg", photo);
    return body.close();
}

void check_cli_upload(const std::vector<recorded_part>& parts, const std::string& photo) {
    BOOST_REQUIRE_EQUAL(parts.size(), cli_fields.size() + 1);
    for (std::size_t i = 0; i < cli_fields.size(); ++i) {
        BOOST_TEST(parts[i].header.name == cli_fields[i].first);
        BOOST_TEST(!parts[i].header.file_name);
        BOOST_TEST(parts[i].header.content_type.empty());
        BOOST_TEST(parts[i].data == cli_fields[i].second);
        BOOST_TEST(parts[i].ended);
    }
    const auto& file = parts.back();
    BOOST_TEST(file.header.name == "assetData");
    BOOST_TEST(file.header.file_name.value_or("") == "test1.jpg");
    BOOST_TEST(file.header.content_type == "image/jpeg");
    BOOST_TEST(file.ended);
    BOOST_REQUIRE_EQUAL(file.data.size(), photo.size());
    BOOST_TEST((file.data == photo));
}

/// One part whose Content-Disposition (and any other headers) are given.
std::string single_part(const std::string& headers, const std::string& data = "x") {
    return "--B\r\n" + headers + "\r\n\r\n" + data + "\r\n--B--\r\n";
}

multipart_part_header header_of(const std::string& headers) {
    const auto parts = parse_whole("B", single_part(headers));
    BOOST_REQUIRE_EQUAL(parts.size(), 1u);
    return parts.front().header;
}

} // namespace

BOOST_AUTO_TEST_SUITE(multipart)

BOOST_AUTO_TEST_CASE(a_cli_upload_gives_the_photo_back_exactly_however_it_is_chunked) {
    const auto photo = read_file(fixture("sony-alpha-6000.jpg"));
    const auto body = cli_upload(photo);

    check_cli_upload(parse_whole(node_boundary, body), photo);
    check_cli_upload(parse(node_boundary, body, fixed(1)), photo);
    check_cli_upload(parse(node_boundary, body, fixed(7)), photo);
    check_cli_upload(parse(node_boundary, body, random_sizes(2024, 100'000)), photo);
    check_cli_upload(parse(node_boundary, body, random_sizes(7, 60)), photo);

    // In 64 KiB chunks the photo is handed on in views of them, not byte by byte, and nothing
    // more than a boundary's worth is ever held back.
    std::size_t peak = 0;
    const auto parts = parse(node_boundary, body, fixed(64 * 1024), &peak);
    check_cli_upload(parts, photo);
    BOOST_TEST(parts.back().data_calls <= 2 * (body.size() / (64 * 1024) + 1));
    BOOST_TEST(peak <= node_boundary.size() + 4);
}

BOOST_AUTO_TEST_CASE(bytes_that_look_like_a_boundary_are_part_data) {
    const auto photo = read_file(fixture("sony-alpha-6000.jpg"));
    const std::vector<std::string> decoys = {
        "\r\n--",
        "\r\n-",
        "\r",
        "\r\r\n--",
        "\r\n\r\n--\r\n--",
        "\r\n--" + node_boundary.substr(0, node_boundary.size() - 1),
        "\r\n--" + node_boundary.substr(0, node_boundary.size() - 1) + "x",
        "--" + node_boundary,
        "\n--" + node_boundary,
        "\r--" + node_boundary,
    };
    auto tricky = photo;
    for (std::size_t i = 0; i < decoys.size(); ++i) {
        tricky.insert(tricky.size() * (i + 1) / (decoys.size() + 2), decoys[i]);
    }
    tricky = "\r\n--" + tricky + "\r\n--" + node_boundary.substr(0, 10);

    const auto body = cli_upload(tricky);
    check_cli_upload(parse_whole(node_boundary, body), tricky);
    check_cli_upload(parse(node_boundary, body, fixed(1)), tricky);
    check_cli_upload(parse(node_boundary, body, fixed(7)), tricky);
    check_cli_upload(parse(node_boundary, body, fixed(64 * 1024)), tricky);
    check_cli_upload(parse(node_boundary, body, random_sizes(99, 5'000)), tricky);
}

BOOST_AUTO_TEST_CASE(a_boundary_split_at_any_two_chunk_edges_is_found) {
    const auto body = form_data_body("xyz")
                          .field("a", "one\r\n-")
                          .field("b", "")
                          .file("c", "c.bin", "application/octet-stream", "\r\n--xy\r")
                          .close();
    for (std::size_t first = 0; first <= body.size(); ++first) {
        for (std::size_t second = first; second <= body.size(); ++second) {
            recording_handler handler;
            multipart_parser parser("xyz", handler);
            const std::string_view view(body);
            parser.feed(view.substr(0, first));
            parser.feed(view.substr(first, second - first));
            parser.feed(view.substr(second));
            parser.finish();

            BOOST_REQUIRE_EQUAL(handler.parts.size(), 3u);
            BOOST_TEST(handler.parts[0].data == "one\r\n-");
            BOOST_TEST(handler.parts[1].data == "");
            BOOST_TEST(handler.parts[2].data == "\r\n--xy\r");
        }
    }
}

BOOST_AUTO_TEST_CASE(empty_parts_begin_and_end_without_data) {
    const auto body = form_data_body(node_boundary)
                          .field("empty", "")
                          .file("nothing", "empty.jpg", "image/jpeg", "")
                          .field("after", "z")
                          .close();
    for (const auto& size : {body.size(), std::size_t{1}, std::size_t{3}}) {
        const auto parts = parse(node_boundary, body, fixed(size));
        BOOST_REQUIRE_EQUAL(parts.size(), 3u);
        BOOST_TEST(parts[0].data_calls == 0u);
        BOOST_TEST(parts[0].ended);
        BOOST_TEST(parts[1].data_calls == 0u);
        BOOST_TEST(parts[1].header.file_name.value_or("") == "empty.jpg");
        BOOST_TEST(parts[1].ended);
        BOOST_TEST(parts[2].data == "z");
    }

    // A body with no parts at all is only a closing boundary.
    BOOST_TEST(parse_whole("B", "--B--").empty());
}

BOOST_AUTO_TEST_CASE(preamble_epilogue_and_transport_padding_are_ignored) {
    const std::string body = "This is the preamble. --B is not at a line start.\r\n"
                             "--B \t\r\n"
                             "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                             "1\r\n"
                             "--B\r\n"
                             "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
                             "2\r\n"
                             "--B--  \r\nThis is the epilogue.\r\n--B\r\ngarbage";
    for (const auto& size : {body.size(), std::size_t{1}, std::size_t{2}}) {
        const auto parts = parse("B", body, fixed(size));
        BOOST_REQUIRE_EQUAL(parts.size(), 2u);
        BOOST_TEST(parts[0].data == "1");
        BOOST_TEST(parts[1].data == "2");
    }
}

BOOST_AUTO_TEST_CASE(file_names_are_unquoted_and_unescaped) {
    auto header = header_of(R"(Content-Disposition: form-data; name="x"; filename="a b.jpg")");
    BOOST_TEST(header.name == "x");
    BOOST_TEST(header.file_name.value_or("") == "a b.jpg");

    header = header_of(R"(Content-Disposition: form-data; name="x"; filename="say \"hi\".jpg")");
    BOOST_TEST(header.file_name.value_or("") == R"(say "hi".jpg)");

    header = header_of(R"(Content-Disposition: form-data; name="x"; filename="back\\slash; a=b")");
    BOOST_TEST(header.file_name.value_or("") == R"(back\slash; a=b)");

    header = header_of(R"(Content-Disposition: form-data; filename = "f.png" ; name=plain)");
    BOOST_TEST(header.name == "plain");
    BOOST_TEST(header.file_name.value_or("") == "f.png");

    header = header_of(R"(Content-Disposition: form-data; name="x"; filename="")");
    BOOST_TEST(header.file_name.value_or("missing") == "");
}

BOOST_AUTO_TEST_CASE(an_extended_file_name_is_decoded_and_wins) {
    auto header = header_of("Content-Disposition: form-data; name=\"x\"; "
                            "filename=\"EUR rates.jpg\"; filename*=UTF-8''%E2%82%AC%20rates.jpg");
    BOOST_TEST(header.file_name.value_or("") == "\u20ac rates.jpg");

    header = header_of("Content-Disposition: form-data; filename*=utf-8'en'%c3%a9t%C3%A9.heic; "
                       "filename=\"ete.heic\"; name=\"x\"");
    BOOST_TEST(header.file_name.value_or("") == "\u00e9t\u00e9.heic");

    header = header_of("Content-Disposition: form-data; name=\"x\"; filename*=ISO-8859-1''%E9.jpg");
    BOOST_TEST(header.file_name.value_or("") == "\u00e9.jpg");

    // One that cannot be decoded leaves the plain file name.
    header = header_of("Content-Disposition: form-data; name=\"x\"; filename=\"plain.jpg\"; "
                       "filename*=UTF-8''%E2%8");
    BOOST_TEST(header.file_name.value_or("") == "plain.jpg");
    header = header_of("Content-Disposition: form-data; name=\"x\"; filename=\"plain.jpg\"; "
                       "filename*=KOI8-R''%E9.jpg");
    BOOST_TEST(header.file_name.value_or("") == "plain.jpg");
}

BOOST_AUTO_TEST_CASE(header_and_parameter_names_are_case_insensitive) {
    const auto header = header_of("CONTENT-DISPOSITION: Form-Data; NAME=\"x\"; FileName=\"a.jpg\""
                                  "\r\ncontent-type:image/heic\r\nX-Other: ignored");
    BOOST_TEST(header.name == "x");
    BOOST_TEST(header.file_name.value_or("") == "a.jpg");
    BOOST_TEST(header.content_type == "image/heic");
}

BOOST_AUTO_TEST_CASE(folded_header_lines_continue_the_field_before) {
    const auto header = header_of("Content-Disposition: form-data;\r\n name=\"x\";\r\n\t"
                                  "filename=\"a.jpg\"");
    BOOST_TEST(header.name == "x");
    BOOST_TEST(header.file_name.value_or("") == "a.jpg");
}

BOOST_AUTO_TEST_CASE(a_body_without_its_closing_boundary_is_rejected_at_finish) {
    const auto body = form_data_body("B").field("a", "1").close();
    BOOST_TEST(rejects("B", ""));
    BOOST_TEST(rejects("B", "just some text"));
    BOOST_TEST(rejects("B", body.substr(0, body.size() - 4)));
    BOOST_TEST(rejects("B", body.substr(0, body.find("\r\n\r\n"))));
    BOOST_TEST(rejects("B", body.substr(0, body.find("1"))));
    BOOST_TEST(rejects("B", "--B\r\n"));
}

BOOST_AUTO_TEST_CASE(garbage_headers_and_framing_are_rejected) {
    BOOST_TEST(rejects("B", single_part("this is not a header")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition form-data; name=\"x\"")));
    BOOST_TEST(rejects("B", single_part("Bad Name: value\r\nContent-Disposition: form-data; "
                                        "name=\"x\"")));
    BOOST_TEST(rejects("B", single_part(": no name\r\nContent-Disposition: form-data; name=x")));
    BOOST_TEST(rejects("B", single_part(" folded: first\r\nContent-Disposition: form-data; "
                                        "name=x")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"x\0y\""s)));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"x\r\"")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"unterminated")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"x\" junk")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: attachment; name=\"x\"")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"x\"\r\n"
                                        "Content-Disposition: form-data; name=\"y\"")));
    BOOST_TEST(rejects("B", "--Bx\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--B--"));
    BOOST_TEST(rejects("B", "--B-\r\n"));
    BOOST_TEST(rejects("B", "--B\rContent-Disposition: form-data; name=x\r\n\r\n1\r\n--B--"));
    BOOST_TEST(rejects("B", "--B\r\n\r\n1\r\n--B--"));
}

BOOST_AUTO_TEST_CASE(a_part_without_a_name_is_rejected) {
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; filename=\"a.jpg\"")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data; name=\"\"")));
    BOOST_TEST(rejects("B", single_part("Content-Disposition: form-data")));
    BOOST_TEST(rejects("B", single_part("Content-Type: image/jpeg")));
}

BOOST_AUTO_TEST_CASE(a_header_block_over_16_kib_is_rejected_without_being_kept) {
    const std::string disposition = "Content-Disposition: form-data; name=\"x\"\r\nX-Pad: ";
    const auto fitting = [&](std::size_t block_size) {
        // The block counts from after the boundary line to the end of its blank line.
        return disposition + std::string(block_size - disposition.size() - 4, 'p');
    };
    BOOST_TEST(header_of(fitting(multipart_parser::max_header_block)).name == "x");
    BOOST_TEST(rejects("B", single_part(fitting(multipart_parser::max_header_block + 1))));

    recording_handler handler;
    multipart_parser parser("B", handler);
    parser.feed("--B\r\n");
    const std::string endless(1000, 'h');
    const auto feed_forever = [&] {
        while (true) {
            parser.feed(endless);
            BOOST_REQUIRE(parser.buffered_bytes() <= multipart_parser::max_header_block);
        }
    };
    BOOST_CHECK_THROW(feed_forever(), multipart_error);
    BOOST_TEST(handler.parts.empty());
}

BOOST_AUTO_TEST_CASE(more_than_100_parts_are_rejected) {
    form_data_body hundred("B");
    for (std::size_t i = 0; i < multipart_parser::max_parts; ++i) {
        hundred.field("f" + std::to_string(i), std::to_string(i));
    }
    BOOST_TEST(parse_whole("B", hundred.close()).size() == multipart_parser::max_parts);

    BOOST_TEST(rejects("B", hundred.field("one-too-many", "x").close()));
}

BOOST_AUTO_TEST_CASE(an_invalid_boundary_is_refused) {
    recording_handler handler;
    BOOST_CHECK_THROW(multipart_parser("", handler), multipart_error);
    BOOST_CHECK_THROW(multipart_parser(std::string(71, 'b'), handler), multipart_error);
    BOOST_CHECK_THROW(multipart_parser("a\r\nb", handler), multipart_error);
    BOOST_CHECK_THROW(multipart_parser("trailing ", handler), multipart_error);
    BOOST_CHECK_NO_THROW(multipart_parser(std::string(70, 'b'), handler));
    BOOST_CHECK_NO_THROW(multipart_parser("with space'()+_,-./:=?", handler));
}

BOOST_AUTO_TEST_CASE(a_handler_exception_fails_the_parser) {
    class refusing_handler : public recording_handler {
        void on_part_data(std::string_view) override { throw std::runtime_error("disk full"); }
    };
    refusing_handler handler;
    multipart_parser parser("B", handler);
    BOOST_CHECK_THROW(parser.feed(single_part("Content-Disposition: form-data; name=x")),
                      std::runtime_error);
    BOOST_CHECK_THROW(parser.feed("--B--"), multipart_error);
    BOOST_CHECK_THROW(parser.finish(), multipart_error);
}

BOOST_AUTO_TEST_CASE(mangled_bodies_are_parsed_or_rejected_but_never_crash) {
    const auto valid = form_data_body("b0undary")
                           .field("deviceAssetId", "id")
                           .file("assetData", "a.jpg", "image/jpeg", "\xff\xd8\r\n--b0und\xff\xd9")
                           .close();
    std::mt19937 engine(42);
    const auto alphabet = "\r\n-b0undary:;=\" \\\x00\xff"s;
    std::size_t rejected = 0;
    for (int round = 0; round < 3000; ++round) {
        auto body = valid;
        const auto edits = std::uniform_int_distribution<int>(1, 4)(engine);
        for (int edit = 0; edit < edits; ++edit) {
            const auto at = std::uniform_int_distribution<std::size_t>(0, body.size())(engine);
            const auto c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() -
                                                                                      1)(engine)];
            switch (std::uniform_int_distribution<int>(0, 2)(engine)) {
            case 0:
                body.insert(at, 1, c);
                break;
            case 1:
                body.erase(std::min(at, body.size() - 1), 1);
                break;
            default:
                body.resize(at);
                break;
            }
        }
        try {
            parse("b0undary", body, random_sizes(round, 16));
        } catch (const multipart_error&) {
            ++rejected;
        }
    }
    BOOST_TEST(rejected > 0u);
}

BOOST_AUTO_TEST_CASE(streaming_50_mb_keeps_the_buffer_within_one_boundary) {
    class counting_handler : public multipart_handler {
    public:
        std::size_t bytes = 0;
        std::uint64_t hash = 14695981039346656037ull;
        void on_part_begin(const multipart_part_header&) override {}
        void on_part_data(std::string_view data) override {
            bytes += data.size();
            for (const char c : data) {
                hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
            }
        }
        void on_part_end() override {}
    };

    // Each 64 KiB block ends in all of the delimiter but its last byte, so every chunk edge
    // leaves the longest possible partial match pending.
    constexpr std::size_t chunk_size = 64 * 1024;
    constexpr std::size_t total = 50 * 1024 * 1024;
    const std::string near_miss = "\r\n--" + node_boundary.substr(0, node_boundary.size() - 1);
    std::string block(chunk_size, '\0');
    std::mt19937 engine(1);
    std::ranges::generate(block, [&] { return static_cast<char>(engine()); });
    block.replace(block.size() - near_miss.size(), near_miss.size(), near_miss);
    block[0] = 'x';

    counting_handler handler;
    multipart_parser parser(node_boundary, handler);
    parser.feed("--" + node_boundary +
                "\r\nContent-Disposition: form-data; name=\"assetData\"; "
                "filename=\"big.bin\"\r\n\r\n");
    std::uint64_t expected_hash = 14695981039346656037ull;
    std::size_t peak = 0;
    for (std::size_t fed = 0; fed < total; fed += chunk_size) {
        parser.feed(block);
        peak = std::max(peak, parser.buffered_bytes());
        for (const char c : block) {
            expected_hash = (expected_hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        }
    }
    parser.feed("\r\n--" + node_boundary + "--\r\n");
    parser.finish();

    BOOST_TEST_MESSAGE("peak multipart buffer: " << peak << " bytes");
    BOOST_TEST(peak == near_miss.size());
    BOOST_TEST(peak <= node_boundary.size() + 4);
    BOOST_TEST(parser.buffered_bytes() == 0u);
    BOOST_TEST(handler.bytes == total);
    BOOST_TEST(handler.hash == expected_hash);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(multipart_boundary_parameter)

BOOST_AUTO_TEST_CASE(the_boundary_is_read_from_a_form_data_content_type) {
    BOOST_TEST(multipart_boundary("multipart/form-data; boundary=" + node_boundary).value_or("") ==
               node_boundary);
    BOOST_TEST(multipart_boundary("multipart/form-data;boundary=abc").value_or("") == "abc");
    BOOST_TEST(multipart_boundary("Multipart/Form-Data; BOUNDARY=abc").value_or("") == "abc");
    BOOST_TEST(multipart_boundary("multipart/form-data; boundary=\"a b:c?\"").value_or("") ==
               "a b:c?");
    BOOST_TEST(multipart_boundary("multipart/form-data; charset=\"utf-8; x\"; boundary=xyz; "
                                  "other=1")
                   .value_or("") == "xyz");
    BOOST_TEST(multipart_boundary("  multipart/form-data ;  boundary=xyz  ").value_or("") == "xyz");
}

BOOST_AUTO_TEST_CASE(nothing_without_a_usable_boundary_or_for_other_types) {
    BOOST_TEST(!multipart_boundary(""));
    BOOST_TEST(!multipart_boundary("multipart/form-data"));
    BOOST_TEST(!multipart_boundary("multipart/form-data; charset=utf-8"));
    BOOST_TEST(!multipart_boundary("multipart/form-data; boundary="));
    BOOST_TEST(!multipart_boundary("multipart/form-data; boundary=\"\""));
    BOOST_TEST(!multipart_boundary("multipart/form-data; boundary=\"unterminated"));
    BOOST_TEST(!multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')));
    BOOST_TEST(!multipart_boundary("multipart/form-data; boundary=\"ends with space \""));
    BOOST_TEST(!multipart_boundary("multipart/mixed; boundary=abc"));
    BOOST_TEST(!multipart_boundary("application/json; boundary=abc"));
    BOOST_TEST(!multipart_boundary("multipart/form-data-ish; boundary=abc"));
}

BOOST_AUTO_TEST_SUITE_END()
