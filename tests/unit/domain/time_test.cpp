#include "domain/time.hpp"

#include <boost/test/unit_test.hpp>

using namespace lightbox;

BOOST_AUTO_TEST_SUITE(time_format)

BOOST_AUTO_TEST_CASE(offsets_are_normalised_to_utc_with_milliseconds) {
    BOOST_TEST(format_iso(*parse_iso("2023-10-04T14:34:56.789+02:00")) ==
               "2023-10-04T12:34:56.789Z");
    BOOST_TEST(format_iso(*parse_iso("2023-10-04T12:34:56Z")) == "2023-10-04T12:34:56.000Z");
    BOOST_TEST(format_iso(*parse_iso("2023-10-04")) == "2023-10-04T00:00:00.000Z");
    BOOST_TEST(format_iso(*parse_iso("2023-10-04T23:30:00-01:00")) ==
               "2023-10-05T00:30:00.000Z");
}

BOOST_AUTO_TEST_CASE(garbage_is_not_a_date) {
    BOOST_TEST(!parse_iso("yesterday"));
    BOOST_TEST(!parse_iso("2023-13-01T00:00:00Z"));
    BOOST_TEST(!parse_iso("2023-02-30"));
    BOOST_TEST(!parse_iso("2023-10-04T12:34:56Zjunk"));
    BOOST_TEST(!parse_iso(""));
}

BOOST_AUTO_TEST_CASE(offsets_cannot_carry_a_date_out_of_years_1_to_9999) {
    BOOST_TEST(!parse_iso("9999-12-31T23:59:59.999-23:59"));
    BOOST_TEST(!parse_iso("0000-01-01T00:00:00+01:00"));
    BOOST_TEST(!parse_iso("0001-01-01T00:30:00+01:00"));
    BOOST_TEST(format_iso(*parse_iso("9999-12-31T23:59:59.999Z")) == "9999-12-31T23:59:59.999Z");
    BOOST_TEST(format_iso(*parse_iso("0001-01-01T00:00:00Z")) == "0001-01-01T00:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(exif_dates_are_read_as_utc_unless_an_offset_is_given) {
    BOOST_TEST(format_iso(*parse_exif_date("2013:02:06 16:00:03")) == "2013-02-06T16:00:03.000Z");
    BOOST_TEST(format_iso(*parse_exif_date("2013:02:06 16:00:03", "+02:00")) ==
               "2013-02-06T14:00:03.000Z");
    BOOST_TEST(!parse_exif_date("0000:00:00 00:00:00"));
}

BOOST_AUTO_TEST_SUITE_END()
