#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>

namespace lightbox::testing {

/// The folder of real camera photos the tests use (`LIGHTBOX_FIXTURES` overrides it).
std::filesystem::path fixtures_dir();

std::filesystem::path fixture(const std::string& file_name);

/// `expected-exif.json`: what exiftool reads from each fixture, keyed by file name.
const boost::json::object& expected_exif(const std::string& file_name);

/// A fresh, empty directory under the system's temporary directory.
std::filesystem::path make_temp_dir(const std::string& prefix);

std::string read_file(const std::filesystem::path& path);

} // namespace lightbox::testing
