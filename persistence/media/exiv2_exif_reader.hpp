#pragma once

#include "domain/ports/exif_reader.hpp"

namespace lightbox {

/// Reads EXIF with exiv2.
class exiv2_exif_reader final : public exif_reader {
public:
    exif_info read(const std::filesystem::path& file) const override;
};

} // namespace lightbox
