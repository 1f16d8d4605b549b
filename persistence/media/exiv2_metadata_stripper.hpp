#pragma once

#include "domain/ports/metadata_stripper.hpp"

namespace lightbox {

/// Rewrites JPEG, PNG and WebP photos in memory with exiv2, keeping only the orientation.
class exiv2_metadata_stripper final : public metadata_stripper {
public:
    std::optional<std::string> stripped_copy(const std::filesystem::path& file) const override;
};

} // namespace lightbox
