#include "domain/crypto/crypto.hpp"
#include "support/fixtures.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

using namespace lightbox;

namespace {

/// Every photo expected-exif.json describes.
std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    const auto all = boost::json::parse(testing::read_file(testing::fixture("expected-exif.json")));
    for (const auto& entry : all.as_array()) {
        names.emplace_back(entry.as_object().at("FileName").as_string());
    }
    return names;
}

std::string hex_sha1(std::string_view data) {
    return crypto::hex_encode(crypto::sha1(data));
}

std::string hex_sha256(std::string_view data) {
    return crypto::hex_encode(crypto::sha256(data));
}

} // namespace

BOOST_AUTO_TEST_SUITE(digests)

BOOST_AUTO_TEST_CASE(sha1_matches_known_vectors) {
    BOOST_TEST(hex_sha1("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    BOOST_TEST(hex_sha1("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    BOOST_TEST(hex_sha1("The quick brown fox jumps over the lazy dog") ==
               "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
    BOOST_TEST(crypto::sha1("abc").size() == 20u);
}

BOOST_AUTO_TEST_CASE(sha256_matches_known_vectors) {
    BOOST_TEST(hex_sha256("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(hex_sha256("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(crypto::sha256("abc").size() == 32u);
}

BOOST_AUTO_TEST_CASE(fixture_checksums_match_expected_exif) {
    const auto names = fixture_names();
    BOOST_TEST(names.size() >= 17u);
    for (const auto& name : names) {
        BOOST_TEST_CONTEXT(name) {
            const auto bytes = testing::read_file(testing::fixture(name));
            const auto& expected = testing::expected_exif(name).at("sha1_base64").as_string();
            BOOST_TEST(crypto::base64_encode(crypto::sha1(bytes)) == std::string(expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(sha1_stream_in_pieces_equals_one_shot) {
    const auto bytes = testing::read_file(testing::fixture("sony-alpha-6000.jpg"));
    crypto::sha1_stream stream;
    std::size_t offset = 0;
    std::size_t piece = 1;
    while (offset < bytes.size()) {
        const auto size = std::min(piece, bytes.size() - offset);
        stream.update(std::string_view(bytes).substr(offset, size));
        offset += size;
        piece = piece * 3 + 7;
    }
    BOOST_TEST(crypto::hex_encode(stream.finish()) == hex_sha1(bytes));
}

BOOST_AUTO_TEST_CASE(sha1_stream_of_nothing_is_the_empty_digest) {
    crypto::sha1_stream stream;
    BOOST_TEST(crypto::hex_encode(stream.finish()) == hex_sha1(""));
}

BOOST_AUTO_TEST_CASE(sha1_stream_cannot_be_used_after_finish) {
    crypto::sha1_stream stream;
    stream.update("abc");
    stream.finish();
    BOOST_CHECK_THROW(stream.update("more"), std::logic_error);
    BOOST_CHECK_THROW(stream.finish(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(encodings)

BOOST_AUTO_TEST_CASE(base64_matches_rfc_4648_vectors) {
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [raw, text] : vectors) {
        BOOST_TEST(crypto::base64_encode(raw) == text);
        BOOST_TEST(crypto::base64_decode(text).value() == raw);
    }
}

BOOST_AUTO_TEST_CASE(base64_round_trips_every_byte_and_length) {
    std::string raw;
    for (int i = 0; i < 256; ++i) {
        raw += static_cast<char>(i);
    }
    for (std::size_t length = 0; length <= raw.size(); length += 17) {
        const auto piece = raw.substr(0, length);
        BOOST_TEST(crypto::base64_decode(crypto::base64_encode(piece)).value() == piece);
        BOOST_TEST(crypto::base64url_decode_lenient(crypto::base64url_encode(piece)) == piece);
        BOOST_TEST(crypto::hex_decode(crypto::hex_encode(piece)).value() == piece);
    }
    for (std::size_t length = 0; length < 8; ++length) {
        const auto piece = crypto::random_bytes(length);
        BOOST_TEST(crypto::base64_decode(crypto::base64_encode(piece)).value() == piece);
    }
}

BOOST_AUTO_TEST_CASE(base64_rejects_what_is_not_strict_base64) {
    BOOST_TEST(!crypto::base64_decode("Zg"));   // missing padding
    BOOST_TEST(!crypto::base64_decode("Zg="));  // wrong length
    BOOST_TEST(!crypto::base64_decode("Z===")); // too much padding
    BOOST_TEST(!crypto::base64_decode("===="));
    BOOST_TEST(!crypto::base64_decode("Zm=v")); // padding inside
    BOOST_TEST(!crypto::base64_decode("Zm9v Zg=="));
    BOOST_TEST(!crypto::base64_decode("Zm9-")); // URL-safe alphabet
    BOOST_TEST(!crypto::base64_decode("Zm9_"));
    BOOST_TEST(!crypto::base64_decode("Zh==")); // non-zero bits after the last byte
    BOOST_TEST(!crypto::base64_decode(std::string("Zm9\0", 4)));
}

BOOST_AUTO_TEST_CASE(base64url_uses_the_url_alphabet_without_padding) {
    const std::string raw("\xfb\xff\xbf", 3);
    BOOST_TEST(crypto::base64_encode(raw) == "+/+/");
    BOOST_TEST(crypto::base64url_encode(raw) == "-_-_");
    BOOST_TEST(crypto::base64url_encode("f") == "Zg");
    BOOST_TEST(crypto::base64url_encode("fo") == "Zm8");
}

BOOST_AUTO_TEST_CASE(base64url_of_a_50_byte_key_has_67_characters) {
    const auto key = crypto::random_bytes(50);
    const auto text = crypto::base64url_encode(key);
    BOOST_TEST(text.size() == 67u);
    BOOST_TEST(text.find_first_of("+/=") == std::string::npos);
    BOOST_TEST(crypto::base64url_decode_lenient(text) == key);
}

BOOST_AUTO_TEST_CASE(lenient_base64url_decodes_a_mangled_key_to_other_bytes) {
    const auto key = crypto::random_bytes(50);
    const auto text = crypto::base64url_encode(key);
    const auto mangled = crypto::base64url_decode_lenient(text + "foo");
    BOOST_TEST(mangled != key);
    BOOST_TEST(!mangled.empty());
}

BOOST_AUTO_TEST_CASE(lenient_base64url_skips_foreign_characters_like_node) {
    BOOST_TEST(crypto::base64url_decode_lenient("Zm9v") == "foo");
    BOOST_TEST(crypto::base64url_decode_lenient("Zm 9v!") == "foo");
    BOOST_TEST(crypto::base64url_decode_lenient("Zm9vYg==") == "foob");
    BOOST_TEST(crypto::base64url_decode_lenient("Zm8=Zm9v") == "fo");
    BOOST_TEST(crypto::base64url_decode_lenient("-_-_") ==
               crypto::base64url_decode_lenient("+/+/"));
    BOOST_TEST(crypto::base64url_decode_lenient("Z") == "");
    BOOST_TEST(crypto::base64url_decode_lenient("") == "");
    BOOST_TEST(crypto::base64url_decode_lenient("***") == "");
}

BOOST_AUTO_TEST_CASE(hex_encodes_lower_case_and_decodes_either_case) {
    BOOST_TEST(crypto::hex_encode(std::string("\x00\x1f\xab\xff", 4)) == "001fabff");
    BOOST_TEST(crypto::hex_decode("001FabFF").value() == std::string("\x00\x1f\xab\xff", 4));
    BOOST_TEST(crypto::hex_decode("").value().empty());
}

BOOST_AUTO_TEST_CASE(hex_rejects_odd_lengths_and_foreign_characters) {
    BOOST_TEST(!crypto::hex_decode("abc"));
    BOOST_TEST(!crypto::hex_decode("0g"));
    BOOST_TEST(!crypto::hex_decode("0x12"));
    BOOST_TEST(!crypto::hex_decode(" 12 "));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(random_bytes_have_the_asked_length_and_differ) {
    BOOST_TEST(crypto::random_bytes(0).empty());
    BOOST_TEST(crypto::random_bytes(37).size() == 37u);
    BOOST_TEST(crypto::random_bytes(32) != crypto::random_bytes(32));
}

BOOST_AUTO_TEST_CASE(bcrypt_hash_is_a_2b_hash_with_the_cost) {
    const auto hash = crypto::bcrypt_hash("correct horse");
    BOOST_TEST(hash.rfind("$2b$10$", 0) == 0u);
    BOOST_TEST(hash.size() == 60u);
    BOOST_TEST(crypto::bcrypt_hash("correct horse", 4).rfind("$2b$04$", 0) == 0u);
    BOOST_TEST(crypto::bcrypt_hash("correct horse", 4) != crypto::bcrypt_hash("correct horse", 4));
}

BOOST_AUTO_TEST_CASE(bcrypt_verify_accepts_the_password_and_nothing_else) {
    const auto hash = crypto::bcrypt_hash("correct horse", 4);
    BOOST_TEST(crypto::bcrypt_verify("correct horse", hash));
    BOOST_TEST(!crypto::bcrypt_verify("correct horsf", hash));
    BOOST_TEST(!crypto::bcrypt_verify("", hash));
    BOOST_TEST(!crypto::bcrypt_verify(std::string("correct horse\0x", 15), hash));
}

BOOST_AUTO_TEST_CASE(bcrypt_verify_is_false_for_a_malformed_hash) {
    const auto hash = crypto::bcrypt_hash("pw", 4);
    BOOST_TEST(!crypto::bcrypt_verify("pw", ""));
    BOOST_TEST(!crypto::bcrypt_verify("pw", "garbage"));
    BOOST_TEST(!crypto::bcrypt_verify("pw", "*0"));
    BOOST_TEST(!crypto::bcrypt_verify("pw", hash.substr(0, 59)));
    BOOST_TEST(!crypto::bcrypt_verify("pw", hash + "x"));
    BOOST_TEST(!crypto::bcrypt_verify("pw", "$1$saltsalt$abcdefghijklmnopqrstuv"));
    BOOST_TEST(!crypto::bcrypt_verify("pw", "$2b$99$" + hash.substr(7)));
    BOOST_TEST(!crypto::bcrypt_verify("pw", "$2b$04$" + std::string(53, '!')));
}

BOOST_AUTO_TEST_CASE(new_secret_is_alphanumeric_and_fresh) {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
        const auto secret = crypto::new_secret();
        BOOST_TEST(secret.size() >= 32u);
        BOOST_TEST(secret.size() <= 43u);
        BOOST_TEST(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789") == std::string::npos);
        seen.insert(secret);
    }
    BOOST_TEST(seen.size() == 20u);
}

BOOST_AUTO_TEST_SUITE_END()
