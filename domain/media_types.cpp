#include "domain/media_types.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace lightbox {

const std::vector<std::string_view>& image_extensions() {
    static const std::vector<std::string_view> list{
        ".3fr", ".ari", ".arw", ".avif", ".bmp", ".cap", ".cin", ".cr2", ".cr3", ".crw",
        ".dcr", ".dng", ".erf", ".fff", ".gif", ".heic", ".heif", ".iiq", ".insp", ".jpeg",
        ".jpg", ".jxl", ".k25", ".kdc", ".mrw", ".nef", ".orf", ".ori", ".pef", ".png",
        ".psd", ".raf", ".raw", ".rwl", ".sr2", ".srf", ".srw", ".tif", ".tiff", ".webp",
        ".x3f"};
    return list;
}

const std::vector<std::string_view>& video_extensions() {
    static const std::vector<std::string_view> list{
        ".3gp", ".avi", ".flv", ".insv", ".m2ts", ".mkv", ".mov", ".mp4", ".mpg", ".mts",
        ".webm", ".wmv"};
    return list;
}

const std::vector<std::string_view>& sidecar_extensions() {
    static const std::vector<std::string_view> list{".xmp"};
    return list;
}

std::optional<asset_type> asset_type_for_file(std::string_view file_name) {
    const auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos) {
        return std::nullopt;
    }
    std::string extension(file_name.substr(dot));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto contains = [&](const std::vector<std::string_view>& list) {
        return std::find(list.begin(), list.end(), extension) != list.end();
    };
    if (contains(image_extensions())) {
        return asset_type::image;
    }
    if (contains(video_extensions())) {
        return asset_type::video;
    }
    return std::nullopt;
}

} // namespace lightbox
