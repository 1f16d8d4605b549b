#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox {

/// Instants are kept with millisecond precision, as the API shows them.
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

timestamp now();

/// `2023-10-04T12:34:56.789Z`
std::string format_iso(timestamp t);

/// Accepts ISO-8601 date-times with `Z`, a `±hh:mm` offset or none (read as UTC), with or
/// without fractional seconds, and plain dates. Returns nothing for anything else.
std::optional<timestamp> parse_iso(std::string_view text);

/// EXIF's `YYYY:MM:DD HH:MM:SS`, read as UTC unless an offset (`+02:00`) is given.
std::optional<timestamp> parse_exif_date(std::string_view text,
                                         std::string_view offset = {});

} // namespace lightbox
