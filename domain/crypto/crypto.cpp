#include "domain/crypto/crypto.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <crypt.h>
#include <memory>
#include <new>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace lightbox::crypto {

namespace {

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view hex_digits = "0123456789abcdef";
constexpr int not_a_digit = -1;

struct md_ctx_deleter {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using md_ctx = std::unique_ptr<EVP_MD_CTX, md_ctx_deleter>;

md_ctx new_md_ctx(const EVP_MD* md) {
    md_ctx ctx{EVP_MD_CTX_new()};
    if (!ctx) {
        throw std::bad_alloc();
    }
    if (EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
        throw std::runtime_error("cannot start a message digest");
    }
    return ctx;
}

void digest_update(EVP_MD_CTX* ctx, std::string_view data) {
    if (EVP_DigestUpdate(ctx, data.data(), data.size()) != 1) {
        throw std::runtime_error("cannot update a message digest");
    }
}

std::string digest_final(EVP_MD_CTX* ctx) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx, out.data(), &size) != 1) {
        throw std::runtime_error("cannot finish a message digest");
    }
    return {reinterpret_cast<const char*>(out.data()), size};
}

std::string digest(const EVP_MD* md, std::string_view data) {
    auto ctx = new_md_ctx(md);
    digest_update(ctx.get(), data);
    return digest_final(ctx.get());
}

/// The value of one character in either base64 alphabet, or `not_a_digit`.
int base64_value(char c, bool url_safe_too) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+' || (url_safe_too && c == '-')) {
        return 62;
    }
    if (c == '/' || (url_safe_too && c == '_')) {
        return 63;
    }
    return not_a_digit;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return not_a_digit;
}

std::string encode_base64(std::string_view raw, std::string_view alphabet, bool pad) {
    std::string out;
    out.reserve((raw.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= raw.size(); i += 3) {
        const auto group = static_cast<unsigned char>(raw[i]) << 16 |
                           static_cast<unsigned char>(raw[i + 1]) << 8 |
                           static_cast<unsigned char>(raw[i + 2]);
        out += alphabet[group >> 18 & 0x3f];
        out += alphabet[group >> 12 & 0x3f];
        out += alphabet[group >> 6 & 0x3f];
        out += alphabet[group & 0x3f];
    }

    // One or two bytes are left over: two or three characters, then padding.
    const auto left = raw.size() - i;
    if (left == 0) {
        return out;
    }
    unsigned group = static_cast<unsigned char>(raw[i]) << 16;
    if (left == 2) {
        group |= static_cast<unsigned char>(raw[i + 1]) << 8;
    }
    out += alphabet[group >> 18 & 0x3f];
    out += alphabet[group >> 12 & 0x3f];
    if (left == 2) {
        out += alphabet[group >> 6 & 0x3f];
    }
    if (pad) {
        out.append(3 - left, '=');
    }
    return out;
}

/// The bcrypt hash shape libxcrypt produces: `$2b$`, a two-digit cost, `$`, then 53
/// characters of bcrypt's own base64 alphabet.
bool looks_like_bcrypt(const std::string& hash) {
    constexpr std::size_t bcrypt_length = 60;
    if (hash.size() != bcrypt_length || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' ||
        hash[6] != '$') {
        return false;
    }
    if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') {
        return false;
    }
    if (!std::isdigit(static_cast<unsigned char>(hash[4])) ||
        !std::isdigit(static_cast<unsigned char>(hash[5]))) {
        return false;
    }
    return std::all_of(hash.begin() + 7, hash.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/';
    });
}

} // namespace

std::string random_bytes(std::size_t count) {
    std::string out(count, '\0');
    std::size_t done = 0;
    while (done < count) {
        const auto chunk = static_cast<int>(std::min<std::size_t>(count - done, INT_MAX));
        if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done), chunk) != 1) {
            throw std::runtime_error("the random number generator failed");
        }
        done += static_cast<std::size_t>(chunk);
    }
    return out;
}

std::string sha1(std::string_view data) {
    return digest(EVP_sha1(), data);
}

std::string sha256(std::string_view data) {
    return digest(EVP_sha256(), data);
}

struct sha1_stream::state {
    md_ctx ctx;
};

sha1_stream::sha1_stream() : state_(new state{new_md_ctx(EVP_sha1())}) {}

sha1_stream::~sha1_stream() {
    delete state_;
}

void sha1_stream::update(std::string_view data) {
    if (!state_->ctx) {
        throw std::logic_error("sha1_stream used after finish");
    }
    digest_update(state_->ctx.get(), data);
}

std::string sha1_stream::finish() {
    if (!state_->ctx) {
        throw std::logic_error("sha1_stream finished twice");
    }
    auto out = digest_final(state_->ctx.get());
    state_->ctx.reset();
    return out;
}

std::string base64_encode(std::string_view raw) {
    return encode_base64(raw, base64_alphabet, true);
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
        ++padding;
    }
    const auto body = text.substr(0, text.size() - padding);

    std::string out;
    out.reserve(body.size() * 3 / 4);
    unsigned bits = 0;
    int bit_count = 0;
    for (const char c : body) {
        const int value = base64_value(c, false);
        if (value == not_a_digit) {
            return std::nullopt;
        }
        bits = (bits << 6 | static_cast<unsigned>(value)) & 0xffffff;
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out += static_cast<char>(bits >> bit_count & 0xff);
        }
    }

    // The bits left over after the last byte must be zero, or another text means the same.
    if ((bits & ((1u << bit_count) - 1)) != 0) {
        return std::nullopt;
    }
    return out;
}

std::string base64url_encode(std::string_view raw) {
    return encode_base64(raw, base64url_alphabet, false);
}

std::string base64url_decode_lenient(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned bits = 0;
    int bit_count = 0;
    for (const char c : text) {
        if (c == '=') {
            break;
        }
        const int value = base64_value(c, true);
        if (value == not_a_digit) {
            continue;
        }
        bits = (bits << 6 | static_cast<unsigned>(value)) & 0xffffff;
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out += static_cast<char>(bits >> bit_count & 0xff);
        }
    }
    return out;
}

std::string hex_encode(std::string_view raw) {
    std::string out;
    out.reserve(raw.size() * 2);
    for (const char c : raw) {
        const auto byte = static_cast<unsigned char>(c);
        out += hex_digits[byte >> 4];
        out += hex_digits[byte & 0x0f];
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view text) {
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = hex_value(text[i]);
        const int low = hex_value(text[i + 1]);
        if (high == not_a_digit || low == not_a_digit) {
            return std::nullopt;
        }
        out += static_cast<char>(high << 4 | low);
    }
    return out;
}

std::string bcrypt_hash(std::string_view password, int cost) {
    // crypt() reads a C string: a NUL inside the password would silently cut it short.
    if (password.find('\0') != std::string_view::npos) {
        throw std::invalid_argument("a password cannot contain a NUL character");
    }

    std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> setting{};
    if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, setting.data(),
                         static_cast<int>(setting.size())) == nullptr) {
        throw std::runtime_error("cannot generate a bcrypt salt");
    }

    // crypt_data is 32 KiB: too large for a worker's stack, so it lives on the heap.
    const std::string phrase(password);
    auto data = std::make_unique<crypt_data>();
    const char* hash = crypt_rn(phrase.c_str(), setting.data(), data.get(), sizeof(crypt_data));
    if (hash == nullptr || hash[0] == '*') {
        throw std::runtime_error("bcrypt hashing failed");
    }
    return hash;
}

bool bcrypt_verify(std::string_view password, const std::string& hash) {
    if (!looks_like_bcrypt(hash) || password.find('\0') != std::string_view::npos) {
        return false;
    }

    const std::string phrase(password);
    auto data = std::make_unique<crypt_data>();
    const char* computed = crypt_rn(phrase.c_str(), hash.c_str(), data.get(), sizeof(crypt_data));
    if (computed == nullptr || computed[0] == '*') {
        return false;
    }

    const std::string_view result(computed);
    return result.size() == hash.size() &&
           CRYPTO_memcmp(result.data(), hash.data(), hash.size()) == 0;
}

std::string new_secret() {
    auto text = base64_encode(random_bytes(32));
    std::erase_if(text, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
    return text;
}

} // namespace lightbox::crypto
