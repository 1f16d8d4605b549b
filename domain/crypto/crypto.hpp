#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::crypto {

/// `count` bytes from the operating system's CSPRNG (OpenSSL RAND_bytes).
std::string random_bytes(std::size_t count);

/// Raw 20-byte SHA-1 digest.
std::string sha1(std::string_view data);
/// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);

/// SHA-1 over data that arrives in pieces, such as an upload streamed to disk.
class sha1_stream {
public:
    sha1_stream();
    ~sha1_stream();
    sha1_stream(const sha1_stream&) = delete;
    sha1_stream& operator=(const sha1_stream&) = delete;

    void update(std::string_view data);
    /// The raw digest; the stream cannot be used afterwards.
    std::string finish();

private:
    struct state;
    state* state_;
};

std::string base64_encode(std::string_view raw);
/// Strict standard base64 with padding; nothing for anything else.
std::optional<std::string> base64_decode(std::string_view text);
/// URL-safe alphabet, no padding.
std::string base64url_encode(std::string_view raw);
/// Decodes the way Node does: characters outside the alphabet are skipped and a trailing
/// partial group is dropped, so a mangled key decodes to other bytes instead of failing.
std::string base64url_decode_lenient(std::string_view text);

std::string hex_encode(std::string_view raw);
/// Lower- or upper-case hex of even length; nothing for anything else.
std::optional<std::string> hex_decode(std::string_view text);

/// bcrypt in its `$2b$` form with the given cost, via libxcrypt. Slow by design: call it
/// from a worker thread.
std::string bcrypt_hash(std::string_view password, int cost = 10);
/// False for a wrong password and for a hash that is not a bcrypt hash.
bool bcrypt_verify(std::string_view password, const std::string& hash);

/// A secret for a session token or API key: 32 random bytes in base64 with every
/// non-alphanumeric character removed.
std::string new_secret();

} // namespace lightbox::crypto
