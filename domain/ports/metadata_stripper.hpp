#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lightbox {

/// Makes a copy of a photo that a guest may see when its link hides metadata: the image
/// itself, its orientation and colour profile, and no EXIF, GPS, IPTC, XMP or comment.
class metadata_stripper {
public:
    virtual ~metadata_stripper() = default;

    /// The stripped bytes; nothing when the file's format cannot be rewritten safely.
    virtual std::optional<std::string> stripped_copy(const std::filesystem::path& file) const = 0;
};

} // namespace lightbox
