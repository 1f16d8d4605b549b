#include "persistence/media/exiv2_exif_reader.hpp"
#include "persistence/media/exiv2_metadata_stripper.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

exif_info read_stripped(const std::string& fixture_name, const std::filesystem::path& dir) {
    const auto stripped = exiv2_metadata_stripper{}.stripped_copy(fixture(fixture_name));
    BOOST_REQUIRE(stripped.has_value());
    const auto copy = dir / fixture_name;
    std::ofstream(copy, std::ios::binary) << *stripped;
    return exiv2_exif_reader{}.read(copy);
}

} // namespace

BOOST_AUTO_TEST_SUITE(metadata_stripper)

BOOST_AUTO_TEST_CASE(gps_and_camera_details_are_gone_but_the_picture_stays) {
    const auto dir = make_temp_dir("lightbox-strip");
    for (const auto* name : {"test1.jpg", "test2.jpg", "test3.jpg", "sony-alpha-6000.jpg"}) {
        const auto before = exiv2_exif_reader{}.read(fixture(name));
        const auto after = read_stripped(name, dir);
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(!after.latitude.has_value());
            BOOST_TEST(!after.longitude.has_value());
            BOOST_TEST(!after.make.has_value());
            BOOST_TEST(!after.model.has_value());
            BOOST_TEST(!after.date_time_original.has_value());
            BOOST_TEST(after.exif_image_width.value_or(0) == before.exif_image_width.value_or(-1));
            BOOST_TEST(after.exif_image_height.value_or(0) ==
                       before.exif_image_height.value_or(-1));
        }
    }
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(orientation_survives_so_the_photo_is_shown_upright) {
    const auto dir = make_temp_dir("lightbox-strip");
    BOOST_TEST(read_stripped("right.jpg", dir).orientation.value_or("none") == "8");
    BOOST_TEST(read_stripped("down-mirrored.jpg", dir).orientation.value_or("none") == "4");
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(hidden_copies_of_the_metadata_are_dropped_too) {
    // test1.jpg with its EXIF block copied into an APP3 segment and a second APP1 segment,
    // and a whole second photo (with GPS) after the end marker, as multi-picture files have.
    const auto original = read_file(fixture("test1.jpg"));
    const auto app1_length = (static_cast<unsigned char>(original[4]) << 8) |
                             static_cast<unsigned char>(original[5]);
    const auto app1 = original.substr(2, 2 + app1_length);
    auto app3 = app1;
    app3[1] = static_cast<char>(0xE3);
    const auto crafted = original.substr(0, 2) + app3 + app1 + original.substr(2) + original;

    const auto dir = make_temp_dir("lightbox-strip");
    const auto path = dir / "crafted.jpg";
    std::ofstream(path, std::ios::binary) << crafted;
    const auto stripped = exiv2_metadata_stripper{}.stripped_copy(path);
    BOOST_REQUIRE(stripped.has_value());
    BOOST_TEST(stripped->find("Apple") == std::string::npos);
    BOOST_TEST(stripped->find("iPhone") == std::string::npos);
    BOOST_TEST(stripped->size() < original.size());

    std::ofstream(dir / "out.jpg", std::ios::binary) << *stripped;
    const auto after = exiv2_exif_reader{}.read(dir / "out.jpg");
    BOOST_TEST(!after.latitude.has_value());
    BOOST_TEST(after.exif_image_width.value_or(0) == 180);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(what_cannot_be_rewritten_gives_nothing) {
    BOOST_TEST(!exiv2_metadata_stripper{}.stripped_copy(fixture("not-a-photo.jpg")).has_value());
    BOOST_TEST(!exiv2_metadata_stripper{}.stripped_copy("/nonexistent/file.jpg").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
