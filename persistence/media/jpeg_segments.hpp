#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lightbox {

/// A JPEG with only what it takes to show the picture: the JFIF header, the colour profile
/// and Adobe's colour-transform segment, the tables, frames and scans, and the end marker.
/// Every other application segment (EXIF, XMP, IPTC, maker data, however many and wherever
/// they are), every comment and anything after the end marker (such as the second picture
/// of a multi-picture file) is dropped. Nothing when the bytes are not a well-formed JPEG.
std::optional<std::string> jpeg_picture_only(std::string_view jpeg);

} // namespace lightbox
