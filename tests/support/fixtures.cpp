#include "support/fixtures.hpp"

#include <boost/json/parse.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace lightbox::testing {

std::filesystem::path fixtures_dir() {
    if (const char* dir = std::getenv("LIGHTBOX_FIXTURES")) {
        return dir;
    }
    return LIGHTBOX_FIXTURES_DIR;
}

std::filesystem::path fixture(const std::string& file_name) {
    auto path = fixtures_dir() / file_name;
    if (!std::filesystem::exists(path)) {
        throw std::runtime_error("missing fixture photo " + path.string());
    }
    return path;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const boost::json::object& expected_exif(const std::string& file_name) {
    static std::once_flag loaded;
    static std::map<std::string, boost::json::object> by_name;
    std::call_once(loaded, [] {
        const auto all = boost::json::parse(read_file(fixture("expected-exif.json")));
        for (const auto& entry : all.as_array()) {
            const auto& object = entry.as_object();
            by_name.emplace(std::string(object.at("FileName").as_string()), object);
        }
    });
    return by_name.at(file_name);
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
    static std::atomic<int> counter{0};
    std::random_device random;
    const auto dir = std::filesystem::temp_directory_path() /
                     (prefix + "-" + std::to_string(::getpid()) + "-" +
                      std::to_string(counter++) + "-" + std::to_string(random() % 100000));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace lightbox::testing
