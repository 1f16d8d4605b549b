#include "service_fixture.hpp"

#include "domain/crypto/crypto.hpp"
#include "domain/ids.hpp"
#include "persistence/open_store.hpp"
#include "support/fixtures.hpp"

#include <fstream>
#include <stdexcept>

namespace lightbox::testing {

namespace {

new_user account(const std::string& name) {
    new_user request;
    request.email = name + "@example.com";
    request.password = name + "-password";
    request.first_name = name;
    request.last_name = "Tester";
    return request;
}

} // namespace

service_fixture::service_fixture()
    : dir(make_temp_dir("lightbox-services")), staging_dir(dir / "staging"),
      originals_dir(dir / "originals"), db(open_store({"sqlite:" + (dir / "t.db").string(), 4})),
      accounts(*db), albums(*db), assets(*db, exif, originals_dir), links(*db) {
    std::filesystem::create_directories(staging_dir);

    admin = signed_in(accounts.admin_sign_up(account("admin")));
    alice = signed_in(accounts.create_user(admin, account("alice")));
    bob = signed_in(accounts.create_user(admin, account("bob")));
}

service_fixture::~service_fixture() {
    db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

upload_request service_fixture::stage(const std::string& photo, const std::string& salt) {
    const auto bytes = read_file(fixture(photo)) + salt;
    upload_request request;
    request.staged_file = staging_dir / (new_uuid() + ".part");
    {
        std::ofstream out(request.staged_file, std::ios::binary);
        out << bytes;
        if (!out) {
            throw std::runtime_error("cannot stage " + request.staged_file.string());
        }
    }
    request.checksum = crypto::base64_encode(crypto::sha1(bytes));
    request.file_name = photo;
    request.device_asset_id = photo + salt;
    request.device_id = "service-tests";
    request.file_created_at = now();
    request.file_modified_at = request.file_created_at;
    return request;
}

std::string service_fixture::upload(const caller& who, const std::string& photo,
                                    const std::string& salt) {
    return assets.upload(who, stage(photo, salt)).id;
}

caller service_fixture::guest(const shared_link& link) {
    return accounts.authenticate_share_key(crypto::base64url_encode(link.key));
}

caller signed_in(const user& account) {
    return caller{account, std::nullopt, std::nullopt};
}

std::string describe(const domain_error& error) {
    std::string kind;
    switch (error.kind()) {
    case error_kind::bad_request:
        kind = "bad_request";
        break;
    case error_kind::unauthorized:
        kind = "unauthorized";
        break;
    case error_kind::forbidden:
        kind = "forbidden";
        break;
    case error_kind::not_found:
        kind = "not_found";
        break;
    case error_kind::payload_too_large:
        kind = "payload_too_large";
        break;
    }
    std::string text = kind + ":";
    for (const auto& message : error.messages()) {
        text += " " + message;
    }
    return error.bare() ? text + " [bare]" : text;
}

std::string iso(std::optional<timestamp> at) {
    return at ? format_iso(*at) : "null";
}

std::vector<std::string> ids_of(const std::vector<asset>& assets) {
    std::vector<std::string> ids;
    for (const auto& each : assets) {
        ids.push_back(each.id);
    }
    return ids;
}

std::vector<std::string> ids_of(const std::vector<asset_id_result>& results) {
    std::vector<std::string> ids;
    for (const auto& each : results) {
        ids.push_back(each.asset_id);
    }
    return ids;
}

std::vector<std::string> outcomes_of(const std::vector<asset_id_result>& results) {
    std::vector<std::string> outcomes;
    for (const auto& each : results) {
        outcomes.push_back(each.success ? "success" : each.error);
    }
    return outcomes;
}

} // namespace lightbox::testing
