#include "persistence/media/exiv2_exif_reader.hpp"
#include "support/fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <exiv2/exiv2.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

using namespace lightbox;

namespace {

/// Files whose EXIF is damaged on purpose; exiftool reads more from them than is reliable.
const std::set<std::string> broken_fixtures = {"bad-exif-offsets.jpg", "truncated.jpg",
                                               "not-a-photo.jpg"};

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    const auto all = boost::json::parse(testing::read_file(testing::fixture("expected-exif.json")));
    for (const auto& entry : all.as_array()) {
        names.emplace_back(entry.as_object().at("FileName").as_string());
    }
    return names;
}

exif_info read_fixture(const std::string& name) {
    return exiv2_exif_reader{}.read(testing::fixture(name));
}

std::optional<double> number(const boost::json::object& expected, const char* field) {
    const auto* value = expected.if_contains(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    return value->to_number<double>();
}

std::optional<std::string> text(const boost::json::object& expected, const char* field) {
    const auto* value = expected.if_contains(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value->as_string());
}

/// exiftool's way of printing seconds, which the API follows.
std::string exposure_string(double seconds) {
    char buffer[32];
    if (seconds < 0.25001) {
        std::snprintf(buffer, sizeof buffer, "1/%d", static_cast<int>(0.5 + 1 / seconds));
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f", seconds);
    }
    std::string out(buffer);
    return out.ends_with(".0") ? out.substr(0, out.size() - 2) : out;
}

/// Every field of an exif_info in one line, for comparisons and readable failures.
std::string describe(const exif_info& info) {
    std::ostringstream out;
    const auto put = [&](const char* name, const auto& field) {
        out << name << '=';
        if (field) {
            out << *field;
        } else {
            out << "?";
        }
        out << ' ';
    };
    const auto put_time = [&](const char* name, const std::optional<timestamp>& field) {
        out << name << '=' << (field ? format_iso(*field) : "?") << ' ';
    };
    put("make", info.make);
    put("model", info.model);
    put("lens", info.lens_model);
    put("f", info.f_number);
    put("focal", info.focal_length);
    put("iso", info.iso);
    put("exposure", info.exposure_time);
    put("width", info.exif_image_width);
    put("height", info.exif_image_height);
    put("orientation", info.orientation);
    put("size", info.file_size_in_byte);
    put_time("original", info.date_time_original);
    put_time("modified", info.modify_date);
    put("tz", info.time_zone);
    out.precision(12);
    put("lat", info.latitude);
    put("lon", info.longitude);
    put("city", info.city);
    put("state", info.state);
    put("country", info.country);
    put("description", info.description);
    put("projection", info.projection_type);
    return out.str();
}

template <typename T>
void check_text(const std::optional<T>& actual, const std::optional<std::string>& expected) {
    if (expected) {
        BOOST_TEST(actual.has_value());
        if (actual) {
            BOOST_TEST(*actual == *expected);
        }
    } else {
        BOOST_TEST(!actual.has_value());
    }
}

void check_number(const std::optional<double>& actual, const std::optional<double>& expected,
                  double tolerance) {
    if (expected) {
        BOOST_TEST(actual.has_value());
        if (actual) {
            BOOST_TEST(std::abs(*actual - *expected) <= tolerance,
                       *actual << " is not " << *expected);
        }
    } else {
        BOOST_TEST(!actual.has_value());
    }
}

void check_integer(const std::optional<std::int64_t>& actual,
                   const std::optional<double>& expected) {
    check_number(actual ? std::optional<double>(static_cast<double>(*actual)) : std::nullopt,
                 expected, 0);
}

std::optional<std::string> expected_instant(const boost::json::object& expected,
                                            const char* field) {
    const auto exif_date = text(expected, field);
    if (!exif_date) {
        return std::nullopt;
    }
    return format_iso(parse_exif_date(*exif_date).value());
}

std::optional<std::string> expected_description(const boost::json::object& expected) {
    auto description = text(expected, "ImageDescription");
    if (!description) {
        return std::nullopt;
    }
    const auto first = description->find_first_not_of(' ');
    if (first == std::string::npos) {
        return std::nullopt;
    }
    return description->substr(first, description->find_last_not_of(' ') - first + 1);
}

std::optional<std::string> iso_of(const std::optional<timestamp>& instant) {
    return instant ? std::optional(format_iso(*instant)) : std::nullopt;
}

void check_against_exiftool(const std::string& name) {
    const auto& expected = testing::expected_exif(name);
    const auto info = read_fixture(name);
    BOOST_TEST_MESSAGE(name << ": " << describe(info));

    check_text(info.make, text(expected, "Make"));
    check_text(info.model, text(expected, "Model"));
    check_text(info.lens_model, text(expected, "LensModel"));
    check_text(info.description, expected_description(expected));
    check_number(info.f_number, number(expected, "FNumber"), 1e-9);
    check_number(info.focal_length, number(expected, "FocalLength"), 1e-9);
    check_integer(info.iso, number(expected, "ISO"));
    const auto seconds = number(expected, "ExposureTime");
    check_text(info.exposure_time,
               seconds ? std::optional(exposure_string(*seconds)) : std::nullopt);
    check_number(info.latitude, number(expected, "GPSLatitude"), 1e-6);
    check_number(info.longitude, number(expected, "GPSLongitude"), 1e-6);
    const auto orientation = number(expected, "Orientation");
    check_text(info.orientation, orientation
                                     ? std::optional(std::to_string(static_cast<int>(*orientation)))
                                     : std::nullopt);
    check_integer(info.exif_image_width, number(expected, "ImageWidth"));
    check_integer(info.exif_image_height, number(expected, "ImageHeight"));
    check_text(iso_of(info.date_time_original), expected_instant(expected, "DateTimeOriginal"));
    check_text(iso_of(info.modify_date), expected_instant(expected, "ModifyDate"));
    check_integer(info.file_size_in_byte, number(expected, "FileSize"));

    BOOST_TEST(!info.time_zone.has_value());
    BOOST_TEST(!info.city.has_value());
    BOOST_TEST(!info.state.has_value());
    BOOST_TEST(!info.country.has_value());
    BOOST_TEST(!info.projection_type.has_value());
}

std::filesystem::path write_temp_file(const std::string& name, const std::string& bytes) {
    static const auto dir = testing::make_temp_dir("lightbox-exif");
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

/// A copy of test1.jpg with some of its Exif tags set (or, for an empty value, removed).
std::filesystem::path edited_copy(const std::string& name,
                                  const std::map<std::string, std::string>& tags) {
    const auto path = write_temp_file(name, testing::read_file(testing::fixture("test1.jpg")));
    auto image = Exiv2::ImageFactory::open(path.string());
    image->readMetadata();
    auto& exif = image->exifData();
    for (const auto& [key, value] : tags) {
        if (value.empty()) {
            exif.erase(exif.findKey(Exiv2::ExifKey(key)));
        } else {
            exif[key] = value;
        }
    }
    image->writeMetadata();
    return path;
}

} // namespace

BOOST_AUTO_TEST_SUITE(exif_reading)

BOOST_AUTO_TEST_CASE(every_sound_fixture_reads_as_exiftool_reads_it) {
    const auto names = fixture_names();
    BOOST_TEST(names.size() >= 17u);
    for (const auto& name : names) {
        if (broken_fixtures.contains(name)) {
            continue;
        }
        BOOST_TEST_CONTEXT(name) {
            check_against_exiftool(name);
        }
    }
}

BOOST_AUTO_TEST_CASE(values_are_shown_the_way_the_api_shows_them) {
    const auto nikon = read_fixture("DSCN0614_small.jpg");
    BOOST_TEST(nikon.exposure_time.value() == "1/174");
    BOOST_TEST(nikon.orientation.value() == "1");
    BOOST_TEST(format_iso(nikon.date_time_original.value()) == "2006-06-13T15:44:45.000Z");
    BOOST_TEST(!nikon.description.has_value()); // ten spaces

    BOOST_TEST(read_fixture("sony-alpha-6000.jpg").exposure_time.value() == "6");
    BOOST_TEST(read_fixture("sony-alpha-6000.jpg").lens_model.value() ==
               "E PZ 16-50mm F3.5-5.6 OSS");
    BOOST_TEST(read_fixture("short-ascii-II.jpg").exposure_time.value() == "1/20");
    BOOST_TEST(read_fixture("evil1.jpg").exposure_time.value() == "1/8");
    BOOST_TEST(read_fixture("right.jpg").orientation.value() == "8");
    BOOST_TEST(read_fixture("down-mirrored.jpg").orientation.value() == "4");
}

BOOST_AUTO_TEST_CASE(gps_is_signed_decimal_degrees) {
    const auto iphone = read_fixture("test1.jpg");
    BOOST_TEST(std::abs(iphone.latitude.value() - 37.885) < 1e-6);
    BOOST_TEST(std::abs(iphone.longitude.value() + 122.6225) < 1e-6);
}

BOOST_AUTO_TEST_CASE(pixel_size_is_the_jpeg_frame_not_the_exif_claim) {
    const auto canon = read_fixture("evil1.jpg");
    BOOST_TEST(canon.exif_image_width.value() == 640);
    BOOST_TEST(canon.exif_image_height.value() == 480);
}

BOOST_AUTO_TEST_CASE(offset_tags_shift_the_dates_and_name_the_time_zone) {
    const std::map<std::string, std::string> tags = {
        {"Exif.Photo.OffsetTimeOriginal", "+02:00"},
        {"Exif.Photo.OffsetTime", "-05:00"},
    };
    const auto info = exiv2_exif_reader{}.read(edited_copy("offsets.jpg", tags));
    BOOST_TEST(format_iso(info.date_time_original.value()) == "2013-02-06T14:00:03.000Z");
    BOOST_TEST(format_iso(info.modify_date.value()) == "2013-02-06T21:00:03.000Z");
    BOOST_TEST(info.time_zone.value() == "+02:00");
}

BOOST_AUTO_TEST_CASE(the_digitized_date_stands_in_for_a_missing_original) {
    const std::map<std::string, std::string> tags = {
        {"Exif.Photo.DateTimeOriginal", ""},
        {"Exif.Photo.DateTimeDigitized", "2013:02:07 10:00:00"},
        {"Exif.Photo.OffsetTimeDigitized", "+09:00"},
        {"Exif.Photo.OffsetTime", "bogus"},
    };
    const auto info = exiv2_exif_reader{}.read(edited_copy("digitized.jpg", tags));
    BOOST_TEST(format_iso(info.date_time_original.value()) == "2013-02-07T01:00:00.000Z");
    BOOST_TEST(format_iso(info.modify_date.value()) == "2013-02-06T16:00:03.000Z");
    BOOST_TEST(info.time_zone.value() == "+09:00");
}

BOOST_AUTO_TEST_CASE(a_malformed_offset_is_ignored) {
    const std::map<std::string, std::string> tags = {{"Exif.Photo.OffsetTimeOriginal", "+2h"}};
    const auto info = exiv2_exif_reader{}.read(edited_copy("bad-offset.jpg", tags));
    BOOST_TEST(format_iso(info.date_time_original.value()) == "2013-02-06T16:00:03.000Z");
    BOOST_TEST(!info.time_zone.has_value());
}

BOOST_AUTO_TEST_CASE(hemisphere_references_sign_the_coordinates) {
    const std::map<std::string, std::string> tags = {
        {"Exif.GPSInfo.GPSLatitudeRef", "S"},
        {"Exif.GPSInfo.GPSLongitudeRef", "E"},
    };
    const auto info = exiv2_exif_reader{}.read(edited_copy("south-east.jpg", tags));
    BOOST_TEST(std::abs(info.latitude.value() + 37.885) < 1e-6);
    BOOST_TEST(std::abs(info.longitude.value() - 122.6225) < 1e-6);
}

BOOST_AUTO_TEST_CASE(impossible_values_are_left_unknown) {
    const std::map<std::string, std::string> tags = {
        {"Exif.GPSInfo.GPSLatitude", "91/1 0/1 0/1"},
        {"Exif.GPSInfo.GPSLongitude", "1/0 0/1 0/1"},
        {"Exif.Image.Orientation", "9"},
        {"Exif.Photo.FNumber", "0/0"},
        {"Exif.Image.Make", "    "},
        {"Exif.Image.Model", "caf\xe9"}, // Latin-1, not UTF-8
        {"Exif.Image.ImageDescription", "  a caption \t"},
        {"Exif.Photo.DateTimeOriginal", "0000:00:00 00:00:00"},
    };
    const auto info = exiv2_exif_reader{}.read(edited_copy("impossible.jpg", tags));
    BOOST_TEST(!info.latitude.has_value());
    BOOST_TEST(!info.longitude.has_value());
    BOOST_TEST(!info.orientation.has_value());
    BOOST_TEST(!info.f_number.has_value());
    BOOST_TEST(!info.make.has_value());
    BOOST_TEST(!info.model.has_value());
    BOOST_TEST(info.description.value() == "a caption");
    // An unreadable original date gives way to the digitized one.
    BOOST_TEST(format_iso(info.date_time_original.value()) == "2013-02-06T16:00:03.000Z");
    BOOST_TEST(info.iso.value() == 50);
}

BOOST_AUTO_TEST_CASE(broken_fixtures_are_read_without_throwing) {
    for (const auto& name : broken_fixtures) {
        BOOST_TEST_CONTEXT(name) {
            exif_info info;
            BOOST_CHECK_NO_THROW(info = read_fixture(name));
            BOOST_TEST_MESSAGE(name << ": " << describe(info));
            BOOST_TEST(info.file_size_in_byte.value() ==
                       testing::expected_exif(name).at("FileSize").to_number<std::int64_t>());
            BOOST_TEST(!info.time_zone.has_value());
            BOOST_TEST(!info.city.has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(text_with_a_jpg_name_has_only_a_size) {
    const auto info = read_fixture("not-a-photo.jpg");
    exif_info only_size;
    only_size.file_size_in_byte = 47;
    BOOST_TEST(describe(info) == describe(only_size));
}

BOOST_AUTO_TEST_CASE(hostile_and_missing_files_do_not_throw) {
    const auto sound = testing::read_file(testing::fixture("DSCN0614_small.jpg"));
    const std::vector<std::pair<std::string, std::string>> files = {
        {"empty.jpg", ""},
        {"marker-only.jpg", "\xff\xd8"},
        {"header-only.jpg", sound.substr(0, 40)},
        {"half.jpg", sound.substr(0, sound.size() / 2)},
        {"tiff-header.tif", std::string("II*\0\xff\xff\xff\x7f", 8)},
        {"png-signature.png", "\x89PNG\r\n\x1a\n"},
    };
    for (const auto& [name, bytes] : files) {
        BOOST_TEST_CONTEXT(name) {
            exif_info info;
            BOOST_CHECK_NO_THROW(info = exiv2_exif_reader{}.read(write_temp_file(name, bytes)));
            BOOST_TEST(info.file_size_in_byte.value() == static_cast<std::int64_t>(bytes.size()));
        }
    }
    BOOST_CHECK_NO_THROW(exiv2_exif_reader{}.read("/nonexistent/lightbox/photo.jpg"));
}

BOOST_AUTO_TEST_CASE(concurrent_reads_agree_with_sequential_ones) {
    const auto names = fixture_names();
    std::map<std::string, std::string> sequential;
    for (const auto& name : names) {
        sequential[name] = describe(read_fixture(name));
    }

    std::vector<std::map<std::string, std::string>> per_thread(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < per_thread.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 3; ++round) {
                for (std::size_t i = 0; i < names.size(); ++i) {
                    const auto& name = names[(i + t * 5) % names.size()];
                    per_thread[t][name] = describe(read_fixture(name));
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    for (const auto& results : per_thread) {
        BOOST_TEST(results == sequential);
    }
}

BOOST_AUTO_TEST_SUITE_END()
