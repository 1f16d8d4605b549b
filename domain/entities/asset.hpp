#pragma once

#include "domain/entities/exif_info.hpp"
#include "domain/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lightbox {

enum class asset_type { image, video, audio, other };

std::string_view to_string(asset_type type);

struct asset {
    std::string id;
    std::string device_asset_id;
    std::string owner_id;
    std::string device_id;
    std::string library_id;
    asset_type type = asset_type::image;
    std::string original_path;
    std::string original_file_name;
    timestamp file_created_at{};
    timestamp file_modified_at{};
    timestamp updated_at{};
    bool is_favorite = false;
    bool is_archived = false;
    bool is_external = false;
    bool is_offline = false;
    bool is_read_only = false;
    std::optional<std::string> duration;
    std::optional<std::string> live_photo_video_id;
    /// Base64 of the SHA-1 of the exact uploaded bytes.
    std::string checksum;
    std::optional<exif_info> exif;
};

} // namespace lightbox
