#pragma once

#include <mutex>

namespace lightbox {

/// exiv2's own documentation calls its Exif code reentrant but not its XMP code: decoding an
/// XMP packet can register namespaces in a table shared by the whole process. Every use of
/// exiv2 holds this lock; a photo's metadata takes a millisecond or two.
std::unique_lock<std::mutex> lock_exiv2();

/// Silences exiv2's own logging and initialises its XMP support, once per process.
void prepare_exiv2();

} // namespace lightbox
