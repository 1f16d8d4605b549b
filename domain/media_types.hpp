#pragma once

#include "domain/entities/asset.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace lightbox {

/// The file extensions Lightbox accepts, lower case with the dot, as `/server-info/media-types`
/// lists them.
const std::vector<std::string_view>& image_extensions();
const std::vector<std::string_view>& video_extensions();
const std::vector<std::string_view>& sidecar_extensions();

/// IMAGE or VIDEO for a supported file name, judged by its extension (any case).
std::optional<asset_type> asset_type_for_file(std::string_view file_name);

} // namespace lightbox
