#pragma once

#include "domain/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace lightbox {

/// The metadata read from a photo's file; every field may be unknown.
struct exif_info {
    std::optional<std::string> make;
    std::optional<std::string> model;
    std::optional<std::string> lens_model;
    std::optional<double> f_number;
    std::optional<double> focal_length;
    std::optional<std::int64_t> iso;
    /// As photographers write it: `1/174`, `6`.
    std::optional<std::string> exposure_time;
    std::optional<std::int64_t> exif_image_width;
    std::optional<std::int64_t> exif_image_height;
    /// The EXIF orientation code as a string, `1` to `8`.
    std::optional<std::string> orientation;
    std::optional<std::int64_t> file_size_in_byte;
    std::optional<timestamp> date_time_original;
    std::optional<timestamp> modify_date;
    std::optional<std::string> time_zone;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<std::string> city;
    std::optional<std::string> state;
    std::optional<std::string> country;
    std::optional<std::string> description;
    std::optional<std::string> projection_type;
};

} // namespace lightbox
