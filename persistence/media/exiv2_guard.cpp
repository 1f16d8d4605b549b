#include "persistence/media/exiv2_guard.hpp"

#include <exiv2/exiv2.hpp>

namespace lightbox {

std::unique_lock<std::mutex> lock_exiv2() {
    static std::mutex exiv2_mutex;
    return std::unique_lock(exiv2_mutex);
}

void prepare_exiv2() {
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::XmpParser::initialize();
        // HEIC, AVIF and CR3 files; exiv2 0.27 leaves their parser off unless asked.
        Exiv2::enableBMFF(true);
    });
}

} // namespace lightbox
