#include "persistence/media/exiv2_metadata_stripper.hpp"

#include "persistence/media/exiv2_guard.hpp"
#include "persistence/media/jpeg_segments.hpp"

#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>
#include <fstream>
#include <iterator>
#include <memory>

namespace lightbox {

namespace {

bool can_rewrite(int type) {
    return type == Exiv2::ImageType::jpeg || type == Exiv2::ImageType::png ||
           type == Exiv2::ImageType::webp;
}

std::optional<std::string> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The EXIF orientation code of a photo, 0 when it has none.
long orientation_of(Exiv2::Image& image) {
    const auto found = image.exifData().findKey(Exiv2::ExifKey("Exif.Image.Orientation"));
    if (found == image.exifData().end() || found->count() == 0) {
        return 0;
    }
    const auto code = found->toLong();
    return code >= 1 && code <= 8 ? code : 0;
}

std::unique_ptr<Exiv2::Image> open_bytes(const std::string& bytes) {
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                           static_cast<long>(bytes.size()));
    return std::unique_ptr<Exiv2::Image>(image.release());
}

std::string bytes_of(Exiv2::Image& image) {
    auto& io = image.io();
    io.seek(0, Exiv2::BasicIo::beg);
    const auto bytes = io.read(static_cast<long>(io.size()));
    return std::string(reinterpret_cast<const char*>(bytes.pData_), bytes.size_);
}

/// Writes a fresh EXIF block holding only the orientation into `picture`.
std::string with_orientation(const std::string& picture, long orientation) {
    if (orientation == 0) {
        return picture;
    }
    auto image = open_bytes(picture);
    image->exifData()["Exif.Image.Orientation"] = static_cast<uint16_t>(orientation);
    image->writeMetadata();
    return bytes_of(*image);
}

std::optional<std::string> rewrite(const std::string& original) {
    const auto lock = lock_exiv2();
    auto image = open_bytes(original);
    if (!image || !can_rewrite(image->imageType())) {
        return std::nullopt;
    }
    image->readMetadata();
    const auto orientation = orientation_of(*image);

    // JPEGs are rebuilt segment by segment, so that no second or hidden metadata block and
    // no trailing picture survives; other formats lose their metadata through exiv2.
    if (image->imageType() == Exiv2::ImageType::jpeg) {
        const auto picture = jpeg_picture_only(original);
        if (!picture) {
            return std::nullopt;
        }
        return with_orientation(*picture, orientation);
    }
    image->clearExifData();
    image->clearIptcData();
    image->clearXmpPacket();
    image->clearXmpData();
    image->clearComment();
    if (orientation != 0) {
        image->exifData()["Exif.Image.Orientation"] = static_cast<uint16_t>(orientation);
    }
    image->writeMetadata();
    return bytes_of(*image);
}

} // namespace

std::optional<std::string>
exiv2_metadata_stripper::stripped_copy(const std::filesystem::path& file) const {
    prepare_exiv2();
    const auto original = read_bytes(file);
    if (!original) {
        return std::nullopt;
    }
    try {
        return rewrite(*original);
    } catch (const Exiv2::AnyError&) {
        return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace lightbox
