#pragma once

#include "domain/error.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/account_service.hpp"
#include "domain/services/album_service.hpp"
#include "domain/services/asset_service.hpp"
#include "domain/services/shared_link_service.hpp"
#include "persistence/media/exiv2_exif_reader.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lightbox::testing {

/// The services on a fresh SQLite store in a temporary folder, and three accounts made
/// through the account service: an admin, alice and bob. bcrypt is slow, so a test makes
/// what other accounts it needs itself.
struct service_fixture {
    service_fixture();
    ~service_fixture();
    service_fixture(const service_fixture&) = delete;
    service_fixture& operator=(const service_fixture&) = delete;

    /// A copy of a fixture photo in the staging folder, ready for `asset_service::upload`.
    /// `salt` is appended after the image, so that copies of one photo differ in checksum.
    upload_request stage(const std::string& photo, const std::string& salt = {});
    /// Stages and uploads a fixture photo as `who`; returns the new (or existing) asset id.
    std::string upload(const caller& who, const std::string& photo, const std::string& salt = {});
    /// The caller a guest becomes with the link's key in its base64url form.
    caller guest(const shared_link& link);

    std::filesystem::path dir;
    std::filesystem::path staging_dir;
    std::filesystem::path originals_dir;
    std::shared_ptr<store> db;
    exiv2_exif_reader exif;
    account_service accounts;
    album_service albums;
    asset_service assets;
    shared_link_service links;

    caller admin;
    caller alice;
    caller bob;
};

/// A signed-in caller for a user, as the server builds it from a session or an API key.
caller signed_in(const user& account);

/// `kind: message` of a domain error, with ` [bare]` when it is answered without the
/// reason phrase.
std::string describe(const domain_error& error);

/// What `body` fails with, described as above; `no error` when it returns. Any other
/// exception escapes and fails the test.
template <typename Body>
std::string failure_of(Body&& body) {
    try {
        body();
    } catch (const domain_error& error) {
        return describe(error);
    }
    return "no error";
}

/// An instant as the API shows it, `null` for none: comparable and printable.
std::string iso(std::optional<timestamp> at);

std::vector<std::string> ids_of(const std::vector<asset>& assets);
std::vector<std::string> ids_of(const std::vector<asset_id_result>& results);
/// `success` or the error of each entry, in order.
std::vector<std::string> outcomes_of(const std::vector<asset_id_result>& results);

} // namespace lightbox::testing
