#pragma once

#include "domain/entities/exif_info.hpp"

#include <filesystem>

namespace lightbox {

/// Reads a photo's metadata from its file. Never throws for a broken or foreign file: what
/// cannot be read is left unknown. `file_size_in_byte` is always filled.
class exif_reader {
public:
    virtual ~exif_reader() = default;

    virtual exif_info read(const std::filesystem::path& file) const = 0;
};

} // namespace lightbox
