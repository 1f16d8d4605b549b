#include "domain/ids.hpp"
#include "domain/text/utf8.hpp"

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>

using namespace lightbox;

BOOST_AUTO_TEST_SUITE(uuids)

BOOST_AUTO_TEST_CASE(new_uuid_is_a_lower_case_v4_uuid) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const auto id = new_uuid();
        BOOST_TEST(id.size() == 36u);
        BOOST_TEST(is_uuid_v4(id), id);
        BOOST_TEST(id.find_first_not_of("0123456789abcdef-") == std::string::npos);
        seen.insert(id);
    }
    BOOST_TEST(seen.size() == 200u);
}

BOOST_AUTO_TEST_CASE(v4_uuids_are_accepted_in_either_case) {
    BOOST_TEST(is_uuid_v4("3f1c0a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b"));
    BOOST_TEST(is_uuid_v4("3F1C0A2E-8B4D-4E6F-AA1B-2C3D4E5F6A7B"));
    BOOST_TEST(is_uuid_v4("00000000-0000-4000-8000-000000000000"));
    BOOST_TEST(is_uuid_v4("ffffffff-ffff-4fff-bfff-ffffffffffff"));
}

BOOST_AUTO_TEST_CASE(the_nil_uuid_and_other_versions_are_rejected) {
    BOOST_TEST(!is_uuid_v4("00000000-0000-0000-0000-000000000000"));
    BOOST_TEST(!is_uuid_v4("c232ab00-9414-11ec-b3c8-9f6bdeced846")); // v1
    BOOST_TEST(!is_uuid_v4("017f22e2-79b0-7cc3-98c4-dc0c0c07398f")); // v7
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d-5e6f-9a1b-2c3d4e5f6a7b")); // v5
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d-4e6f-7a1b-2c3d4e5f6a7b")); // NCS variant
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d-4e6f-ca1b-2c3d4e5f6a7b")); // Microsoft variant
}

BOOST_AUTO_TEST_CASE(malformed_uuids_are_rejected) {
    BOOST_TEST(!is_uuid_v4(""));
    BOOST_TEST(!is_uuid_v4("not-a-uuid"));
    BOOST_TEST(!is_uuid_v4("3f1c0a2e8b4d4e6f9a1b2c3d4e5f6a7b"));
    BOOST_TEST(!is_uuid_v4("{3f1c0a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b}"));
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7"));
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7bc"));
    BOOST_TEST(!is_uuid_v4("3f1c0a2g-8b4d-4e6f-9a1b-2c3d4e5f6a7b"));
    BOOST_TEST(!is_uuid_v4("3f1c0a2e-8b4d4-e6f-9a1b-2c3d4e5f6a7b"));
    BOOST_TEST(!is_uuid_v4(" 3f1c0a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(storable_text)

BOOST_AUTO_TEST_CASE(plain_and_international_text_is_storable) {
    BOOST_TEST(is_storable_text(""));
    BOOST_TEST(is_storable_text("Summer holidays 2023"));
    BOOST_TEST(is_storable_text("Ferien am Zürichsee"));
    BOOST_TEST(is_storable_text("東京の夜景"));
    BOOST_TEST(is_storable_text("🎉 party 👨‍👩‍👧"));
    BOOST_TEST(is_storable_text("\xf4\x8f\xbf\xbf")); // U+10FFFF, the last code point
    BOOST_TEST(is_storable_text("\xef\xbf\xbd"));     // U+FFFD
}

BOOST_AUTO_TEST_CASE(nul_is_not_storable) {
    BOOST_TEST(!is_storable_text(std::string("a\0b", 3)));
    BOOST_TEST(!is_storable_text(std::string("\0", 1)));
}

BOOST_AUTO_TEST_CASE(overlong_encodings_are_not_storable) {
    BOOST_TEST(!is_storable_text("\xc0\x80")); // NUL in two bytes
    BOOST_TEST(!is_storable_text("\xc1\xbf"));
    BOOST_TEST(!is_storable_text("\xe0\x80\xaf"));     // '/' in three bytes
    BOOST_TEST(!is_storable_text("\xf0\x80\x80\xaf")); // '/' in four bytes
}

BOOST_AUTO_TEST_CASE(surrogates_and_code_points_past_10ffff_are_not_storable) {
    BOOST_TEST(!is_storable_text("\xed\xa0\x80"));     // U+D800
    BOOST_TEST(!is_storable_text("\xed\xbf\xbf"));     // U+DFFF
    BOOST_TEST(!is_storable_text("\xf4\x90\x80\x80")); // U+110000
    BOOST_TEST(!is_storable_text("\xf5\x80\x80\x80"));
    BOOST_TEST(!is_storable_text("\xff"));
}

BOOST_AUTO_TEST_CASE(truncated_and_stray_sequences_are_not_storable) {
    BOOST_TEST(!is_storable_text("\xe6\x9d"));        // 東 without its last byte
    BOOST_TEST(!is_storable_text("abc\xf0\x9f\x8e")); // 🎉 cut short at the end
    BOOST_TEST(!is_storable_text("\xf0\x9f\x8e"
                                 "a"));    // ...and in the middle
    BOOST_TEST(!is_storable_text("\x80")); // a lone continuation byte
    BOOST_TEST(!is_storable_text("a\xbf"
                                 "b"));
    BOOST_TEST(!is_storable_text("\xc3"));
}

BOOST_AUTO_TEST_SUITE_END()
