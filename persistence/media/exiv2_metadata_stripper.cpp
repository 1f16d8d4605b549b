#include "persistence/media/exiv2_metadata_stripper.hpp"

#include "persistence/media/exiv2_guard.hpp"

#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>

#include <fstream>
#include <iterator>

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

std::optional<std::string> rewrite(const std::string& original) {
    const auto lock = lock_exiv2();
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(original.data()),
                                           static_cast<long>(original.size()));
    if (image.get() == nullptr || !can_rewrite(image->imageType())) {
        return std::nullopt;
    }
    image->readMetadata();

    const auto orientation = image->exifData().findKey(Exiv2::ExifKey("Exif.Image.Orientation"));
    long orientation_code = 0;
    if (orientation != image->exifData().end() && orientation->count() > 0) {
        orientation_code = orientation->toLong();
    }
    image->clearExifData();
    image->clearIptcData();
    image->clearXmpPacket();
    image->clearXmpData();
    image->clearComment();
    if (orientation_code >= 1 && orientation_code <= 8) {
        image->exifData()["Exif.Image.Orientation"] = static_cast<uint16_t>(orientation_code);
    }
    image->writeMetadata();

    auto& io = image->io();
    io.seek(0, Exiv2::BasicIo::beg);
    const auto bytes = io.read(static_cast<long>(io.size()));
    return std::string(reinterpret_cast<const char*>(bytes.pData_), bytes.size_);
}

} // namespace

std::optional<std::string> exiv2_metadata_stripper::stripped_copy(
    const std::filesystem::path& file) const {
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
