#pragma once

// The world the shared-link rule suites share: one server per suite, an owner who makes every
// link and another user who never does, and shortcuts for making and reading links.
#include "api_checks.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>
#include <string>
#include <vector>

namespace lightbox::testing {

/// When two fixture photos were taken (their EXIF DateTimeOriginal, read as UTC).
inline const std::string taken_test1 = "2013-02-06T16:00:03.000Z";
inline const std::string taken_test3 = "2012-12-22T19:40:02.000Z";

/// One server for the suite: the owner makes every link; `other` owns assets and an album
/// but never makes a link, so its list must stay empty.
struct rules_world {
    rules_world() { current = this; }
    ~rules_world() { current = nullptr; }

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app", "Olga", "Owner");
    account other = server.create_user(admin, "other@immich.app", "Otto", "Other");
    int uploads = 0;

    static inline rules_world* current = nullptr;
};

inline std::set<std::string> id_set(const boost::json::array& items) {
    const auto ids = ids_of(items);
    return {ids.begin(), ids.end()};
}

/// An instant as the API writes it: UTC with milliseconds.
inline std::string iso(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(at.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(ms % 1000));
    return out;
}

/// base64url without padding, as link keys travel.
inline std::string base64url_decode(const std::string& in) {
    static const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : in) {
        const auto at = alphabet.find(c);
        BOOST_REQUIRE(at != std::string::npos);
        bits = (bits << 6) | static_cast<unsigned>(at);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xffu));
        }
    }
    return out;
}

inline std::string hex_of(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0xfu]);
    }
    return out;
}

struct rules_case {
    rules_case() { BOOST_REQUIRE(rules_world::current != nullptr); }

    rules_world& world = *rules_world::current;
    test_server& server = world.server;
    const account& owner = world.owner;
    const account& other = world.other;

    const test_client& client() const { return server.client(); }

    /// A new asset from a fixture photo (a few bytes appended make its checksum its own).
    std::string upload(const account& who, const std::string& fixture_name,
                       std::string* bytes_out = nullptr) {
        const auto tag = "rules-" + std::to_string(++world.uploads);
        const auto bytes = read_file(fixture(fixture_name)) + tag;
        const auto result = server.upload_bytes(who.auth(), fixture_name, bytes, tag);
        BOOST_REQUIRE_MESSAGE(result.status == 201,
                              "upload answered " << result.status << " " << result.body);
        if (bytes_out) {
            *bytes_out = bytes;
        }
        return text(result.json(), "id");
    }

    boost::json::object individual(const std::vector<std::string>& asset_ids,
                                   boost::json::object extra = {}) {
        boost::json::array ids;
        for (const auto& id : asset_ids) {
            ids.emplace_back(id);
        }
        extra["type"] = "INDIVIDUAL";
        extra["assetIds"] = std::move(ids);
        return server.create_link(owner, extra);
    }

    boost::json::object album_link(const std::string& album_id, boost::json::object extra = {}) {
        extra["type"] = "ALBUM";
        extra["albumId"] = album_id;
        return server.create_link(owner, extra);
    }

    boost::json::object get_link(const std::string& id) {
        const auto result = client().get("/api/shared-link/" + id, owner.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "get link answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    boost::json::object patch_link(const std::string& id, const boost::json::object& body) {
        const auto result = client().patch("/api/shared-link/" + id, body, owner.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "patch link answered " << result.status << " " << result.body);
        return result.json().as_object();
    }

    boost::json::array list_links(const account& who) {
        const auto result = client().get("/api/shared-link", who.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "list links answered " << result.status << " " << result.body);
        return result.json().as_array();
    }

    http_result me(const std::string& key) {
        return client().get("/api/shared-link/me", with_share_key(key));
    }

    /// A guest upload through `key`.
    http_result guest_upload(const std::string& key, const std::string& fixture_name,
                             const std::string& tag) {
        return server.upload_bytes(with_share_key(key), fixture_name,
                                   read_file(fixture(fixture_name)) + tag, tag);
    }
};

/// The five fields a PATCH may change.
inline boost::json::object editable_fields(const boost::json::object& link) {
    return {{"description", link.at("description")},
            {"expiresAt", link.at("expiresAt")},
            {"allowUpload", link.at("allowUpload")},
            {"allowDownload", link.at("allowDownload")},
            {"showExif", link.at("showExif")}};
}

} // namespace lightbox::testing
