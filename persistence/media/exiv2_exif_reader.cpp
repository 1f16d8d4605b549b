#include "persistence/media/exiv2_exif_reader.hpp"

#include "persistence/media/exiv2_guard.hpp"

#include "domain/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>
#include <mutex>
#include <string_view>
#include <system_error>

namespace lightbox {

namespace {

/// The still-image formats whose metadata is read. exiv2 0.27's video parsers are not
/// hardened against hostile files, so videos (and anything unknown) keep only their size.
bool is_photo_type(int type) {
    namespace kind = Exiv2::ImageType;
    constexpr std::array photo_types = {kind::jpeg, kind::tiff, kind::png, kind::webp, kind::bmff,
                                        kind::cr2,  kind::crw,  kind::mrw, kind::orf,  kind::raf,
                                        kind::rw2,  kind::jp2,  kind::gif, kind::bmp,  kind::psd,
                                        kind::tga,  kind::pgf};
    return std::find(photo_types.begin(), photo_types.end(), type) != photo_types.end();
}

const Exiv2::Value* find_value(const Exiv2::ExifData& exif, const char* key) {
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    if (it == exif.end() || it->count() == 0) {
        return nullptr;
    }
    return &it->value();
}

/// An ASCII tag trimmed of the spaces and NULs cameras pad them with; unknown when empty or
/// not valid UTF-8.
std::optional<std::string> read_text(const Exiv2::ExifData& exif, const char* key) {
    const auto* value = find_value(exif, key);
    if (value == nullptr || value->typeId() != Exiv2::asciiString) {
        return std::nullopt;
    }
    const auto text = value->toString();
    constexpr std::string_view padding(" \t\r\n\v\f\0", 7);
    const auto first = text.find_first_not_of(padding);
    if (first == std::string::npos) {
        return std::nullopt;
    }
    auto trimmed = text.substr(first, text.find_last_not_of(padding) - first + 1);
    if (!is_storable_text(trimmed)) {
        return std::nullopt;
    }
    return trimmed;
}

/// Component `n` of a numeric tag as a double; unknown for a zero denominator or another type.
std::optional<double> read_number(const Exiv2::ExifData& exif, const char* key, long n = 0) {
    const auto* value = find_value(exif, key);
    if (value == nullptr || n >= value->count()) {
        return std::nullopt;
    }

    double number = 0;
    switch (value->typeId()) {
    case Exiv2::unsignedRational: {
        // toRational() hands unsigned components over as signed ones: take the bits back.
        const auto ratio = value->toRational(n);
        const auto denominator = static_cast<std::uint32_t>(ratio.second);
        if (denominator == 0) {
            return std::nullopt;
        }
        number = static_cast<double>(static_cast<std::uint32_t>(ratio.first)) / denominator;
        break;
    }
    case Exiv2::signedRational: {
        const auto ratio = value->toRational(n);
        if (ratio.second == 0) {
            return std::nullopt;
        }
        number = static_cast<double>(ratio.first) / ratio.second;
        break;
    }
    case Exiv2::unsignedByte:
    case Exiv2::unsignedShort:
    case Exiv2::unsignedLong:
    case Exiv2::signedByte:
    case Exiv2::signedShort:
    case Exiv2::signedLong:
        number = static_cast<double>(value->toLong(n));
        break;
    case Exiv2::tiffFloat:
    case Exiv2::tiffDouble:
        number = value->toFloat(n);
        break;
    default:
        return std::nullopt;
    }
    if (!std::isfinite(number)) {
        return std::nullopt;
    }
    return number;
}

std::optional<double> read_positive(const Exiv2::ExifData& exif, const char* key) {
    const auto number = read_number(exif, key);
    if (!number || *number <= 0) {
        return std::nullopt;
    }
    return number;
}

/// A day: anything longer is a broken tag, and would not fit the buffer it is printed into.
constexpr double longest_exposure = 86400;

/// Seconds the way exiftool prints them: `1/174` below a quarter second, else `6` or `1.3`.
/// `seconds` is positive and below `longest_exposure`.
std::string format_exposure_time(double seconds) {
    char buffer[32];
    if (seconds < 0.25001) {
        std::snprintf(buffer, sizeof buffer, "1/%lld", static_cast<long long>(0.5 + 1 / seconds));
        return buffer;
    }
    std::snprintf(buffer, sizeof buffer, "%.1f", seconds);
    std::string text(buffer);
    if (text.ends_with(".0")) {
        text.resize(text.size() - 2);
    }
    return text;
}

/// An EXIF 2.31 offset such as `+02:00`.
bool is_utc_offset(std::string_view text) {
    const auto digit = [&](std::size_t i) {
        return text[i] >= '0' && text[i] <= '9';
    };
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':' || !digit(1) ||
        !digit(2) || !digit(4) || !digit(5)) {
        return false;
    }
    return (text[1] - '0') * 10 + (text[2] - '0') <= 23 && text[4] <= '5';
}

std::optional<std::string> read_offset(const Exiv2::ExifData& exif, const char* key) {
    auto offset = read_text(exif, key);
    if (!offset || !is_utc_offset(*offset)) {
        return std::nullopt;
    }
    return offset;
}

/// A date-time tag with the offset tag that belongs to it; read as UTC without one.
std::optional<timestamp> read_date(const Exiv2::ExifData& exif, const char* key,
                                   const std::optional<std::string>& offset) {
    const auto text = read_text(exif, key);
    if (!text) {
        return std::nullopt;
    }
    return parse_exif_date(*text, offset.value_or(""));
}

/// Degrees, minutes and seconds with their hemisphere reference; south and west negative.
std::optional<double> read_coordinate(const Exiv2::ExifData& exif, const char* key,
                                      const char* ref_key, char negative_ref, double limit) {
    const auto degrees = read_number(exif, key, 0);
    const auto minutes = read_number(exif, key, 1);
    const auto seconds = read_number(exif, key, 2);
    if (!degrees || !minutes || !seconds) {
        return std::nullopt;
    }
    auto coordinate = *degrees + *minutes / 60 + *seconds / 3600;
    const auto ref = read_text(exif, ref_key);
    if (ref && (ref->front() == negative_ref || ref->front() == negative_ref + ('a' - 'A'))) {
        coordinate = -coordinate;
    }
    if (!std::isfinite(coordinate) || std::abs(coordinate) > limit) {
        return std::nullopt;
    }
    return coordinate;
}

std::optional<std::string> read_orientation(const Exiv2::ExifData& exif) {
    const auto code = read_number(exif, "Exif.Image.Orientation");
    if (!code || *code < 1 || *code > 8 || *code != std::floor(*code)) {
        return std::nullopt;
    }
    return std::to_string(static_cast<int>(*code));
}

std::optional<std::int64_t> positive_integer(std::optional<double> number) {
    if (!number || *number < 1 || *number > 1e15) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*number);
}

/// The standard ISO tag, else the one exiv2 finds in the maker note of cameras that leave the
/// standard tag out (older Canons), printed as the plain number exiftool shows.
std::optional<std::int64_t> read_iso(const Exiv2::ExifData& exif) {
    if (const auto iso = positive_integer(read_number(exif, "Exif.Photo.ISOSpeedRatings"))) {
        return iso;
    }
    const auto found = Exiv2::isoSpeed(exif);
    if (found == exif.end()) {
        return std::nullopt;
    }
    const auto printed = found->print(&exif);
    std::int64_t iso = 0;
    const auto [end, error] = std::from_chars(printed.data(), printed.data() + printed.size(), iso);
    if (error != std::errc{} || end != printed.data() + printed.size() || iso <= 0) {
        return std::nullopt;
    }
    return iso;
}

/// IPTC's DateCreated and TimeCreated (`2003-08-30`, `00:00:00+00:00`), which exiftool shows
/// as DateTimeOriginal when the Exif tags are missing. Both must be there, as for exiftool.
/// The offset places the instant but is not reported as the time zone: IPTC makes every time
/// carry one, so software that does not know the zone writes `+00:00`.
std::optional<timestamp> read_iptc_date(const Exiv2::IptcData& iptc) {
    const auto date = iptc.findKey(Exiv2::IptcKey("Iptc.Application2.DateCreated"));
    const auto time = iptc.findKey(Exiv2::IptcKey("Iptc.Application2.TimeCreated"));
    if (date == iptc.end() || time == iptc.end()) {
        return std::nullopt;
    }
    auto day = date->toString();
    const auto clock = time->toString();
    if (day.size() != 10 || clock.size() < 8) {
        return std::nullopt;
    }
    std::replace(day.begin(), day.end(), '-', ':');
    return parse_exif_date(day + ' ' + clock.substr(0, 8), std::string_view(clock).substr(8));
}

void fill_from_exif(const Exiv2::ExifData& exif, exif_info& info) {
    info.make = read_text(exif, "Exif.Image.Make");
    info.model = read_text(exif, "Exif.Image.Model");
    info.lens_model = read_text(exif, "Exif.Photo.LensModel");
    info.description = read_text(exif, "Exif.Image.ImageDescription");

    info.f_number = read_positive(exif, "Exif.Photo.FNumber");
    info.focal_length = read_positive(exif, "Exif.Photo.FocalLength");
    info.iso = read_iso(exif);
    const auto seconds = read_positive(exif, "Exif.Photo.ExposureTime");
    if (seconds && *seconds < longest_exposure) {
        info.exposure_time = format_exposure_time(*seconds);
    }
    info.orientation = read_orientation(exif);

    // The original's own offset, else the digitized one's when that date stands in for it.
    auto original_offset = read_offset(exif, "Exif.Photo.OffsetTimeOriginal");
    info.date_time_original = read_date(exif, "Exif.Photo.DateTimeOriginal", original_offset);
    if (!info.date_time_original) {
        original_offset = read_offset(exif, "Exif.Photo.OffsetTimeDigitized");
        info.date_time_original = read_date(exif, "Exif.Photo.DateTimeDigitized", original_offset);
    }
    const auto modify_offset = read_offset(exif, "Exif.Photo.OffsetTime");
    info.modify_date = read_date(exif, "Exif.Image.DateTime", modify_offset);
    info.time_zone = info.date_time_original ? original_offset : modify_offset;

    info.latitude =
        read_coordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 'S', 90);
    info.longitude = read_coordinate(exif, "Exif.GPSInfo.GPSLongitude",
                                     "Exif.GPSInfo.GPSLongitudeRef", 'W', 180);
}

/// Everything exiv2 can tell; throws whatever exiv2 throws.
exif_info read_metadata(const std::filesystem::path& file) {
    exif_info info;
    Exiv2::BasicIo::AutoPtr io(new Exiv2::FileIo(file.string()));

    const auto lock = lock_exiv2();
    const auto image = Exiv2::ImageFactory::open(std::move(io));
    if (image.get() == nullptr || !is_photo_type(image->imageType())) {
        return info;
    }
    image->readMetadata();

    fill_from_exif(image->exifData(), info);
    if (!info.date_time_original) {
        info.date_time_original = read_iptc_date(image->iptcData());
    }
    info.exif_image_width = positive_integer(image->pixelWidth());
    info.exif_image_height = positive_integer(image->pixelHeight());
    return info;
}

} // namespace

exif_info exiv2_exif_reader::read(const std::filesystem::path& file) const {
    prepare_exiv2();

    // A broken or foreign file is ordinary input here: what exiv2 cannot read stays unknown.
    exif_info info;
    try {
        info = read_metadata(file);
    } catch (const Exiv2::AnyError&) {
        info = {};
    } catch (const std::exception&) {
        info = {};
    }

    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (!error) {
        info.file_size_in_byte = static_cast<std::int64_t>(size);
    }
    return info;
}

} // namespace lightbox
