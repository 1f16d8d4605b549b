#include "domain/crypto/crypto.hpp"
#include "domain/events/change_listener.hpp"
#include "domain/ports/pending_commit.hpp"
#include "service_fixture.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <chrono>
#include <future>
#include <memory>
#include <vector>

using namespace lightbox;
using namespace lightbox::testing;
using namespace std::chrono_literals;

namespace {

/// Alice with one photo and an INDIVIDUAL link to it.
struct key_fixture : service_fixture {
    key_fixture() {
        photo = upload(alice, "test2.jpg");
        new_shared_link request;
        request.asset_ids = {photo};
        link = links.create(alice, request).link;
    }

    shared_link with_expiry(std::optional<timestamp> expires_at) {
        new_shared_link request;
        request.asset_ids = {photo};
        request.expires_at = expires_at;
        return links.create(alice, request).link;
    }

    std::string photo;
    shared_link link;
};

std::string upper_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(account_service_rules)

BOOST_FIXTURE_TEST_CASE(the_first_admin_is_the_only_one, service_fixture) {
    BOOST_TEST(admin.actor.is_admin);
    BOOST_TEST(admin.actor.storage_label.value_or("") == "admin");
    BOOST_TEST(!admin.actor.should_change_password);
    BOOST_TEST(!alice.actor.is_admin);
    BOOST_TEST(alice.actor.should_change_password);

    new_user second;
    second.email = "second-admin@example.com";
    second.password = "whatever";
    BOOST_TEST(failure_of([&] { accounts.admin_sign_up(second); }) ==
               "bad_request: The server already has an admin");
    BOOST_TEST(accounts.list_users(true).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(an_email_is_taken_once_whatever_its_case, service_fixture) {
    new_user again;
    again.email = "Alice@Example.com";
    again.password = "another";
    BOOST_TEST(failure_of([&] { accounts.create_user(admin, again); }) ==
               "bad_request: User exists");
    BOOST_TEST(accounts.list_users(true).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(login_needs_the_right_password_of_a_known_email, service_fixture) {
    const auto refused = "unauthorized: Incorrect email or password";
    BOOST_TEST(failure_of([&] { accounts.login("alice@example.com", "bob-password", "", ""); }) ==
               refused);
    BOOST_TEST(failure_of([&] { accounts.login("alice@example.com", "", "", ""); }) == refused);
    BOOST_TEST(failure_of([&] {
                   accounts.login("nobody@example.com", "alice-password", "", "");
               }) == refused);

    const auto signed_in = accounts.login("ALICE@example.com", "alice-password", "Web", "Linux");
    BOOST_TEST(signed_in.account.id == alice.id());
    BOOST_TEST(!signed_in.access_token.empty());
    BOOST_TEST(signed_in.account.password_hash.starts_with("$2b$10$"));
}

BOOST_FIXTURE_TEST_CASE(a_session_works_until_logout, service_fixture) {
    const auto token =
        accounts.login("alice@example.com", "alice-password", "Web", "Linux").access_token;
    const auto other =
        accounts.login("alice@example.com", "alice-password", "iOS", "17").access_token;
    BOOST_TEST(token != other);

    const auto who = accounts.authenticate_session(token);
    BOOST_TEST(who.id() == alice.id());
    BOOST_TEST(!who.is_guest());
    BOOST_REQUIRE(who.session_id.has_value());

    accounts.logout(who);
    BOOST_TEST(failure_of([&] { accounts.authenticate_session(token); }) ==
               "unauthorized: Invalid user token");
    // Logging out ends that session only.
    BOOST_TEST(accounts.authenticate_session(other).id() == alice.id());
    BOOST_TEST(failure_of([&] { accounts.authenticate_session("not-a-token"); }) ==
               "unauthorized: Invalid user token");
}

BOOST_FIXTURE_TEST_CASE(an_api_key_works_until_its_owner_deletes_it, service_fixture) {
    const auto created = accounts.create_api_key(alice, "");
    BOOST_TEST(created.key.name == "API Key");
    BOOST_TEST(created.key.key_hash == secret_hash(created.secret));
    BOOST_TEST(created.key.key_hash != created.secret);
    BOOST_TEST(accounts.authenticate_api_key(created.secret).id() == alice.id());
    BOOST_TEST(accounts.list_api_keys(alice).size() == 1u);
    BOOST_TEST(accounts.list_api_keys(bob).empty());

    BOOST_TEST(failure_of([&] { accounts.delete_api_key(bob, created.key.id); }) ==
               "bad_request: API Key not found");
    BOOST_TEST(accounts.authenticate_api_key(created.secret).id() == alice.id());

    accounts.delete_api_key(alice, created.key.id);
    BOOST_TEST(failure_of([&] { accounts.authenticate_api_key(created.secret); }) ==
               "unauthorized: Invalid API key");
    BOOST_TEST(accounts.list_api_keys(alice).empty());
}

BOOST_FIXTURE_TEST_CASE(a_deleted_user_loses_every_credential, key_fixture) {
    const auto token =
        accounts.login("alice@example.com", "alice-password", "Web", "Linux").access_token;
    const auto key = accounts.create_api_key(alice, "backup").secret;
    const auto share_key = crypto::base64url_encode(link.key);
    BOOST_TEST(accounts.authenticate_share_key(share_key).id() == alice.id());

    const auto deleted = accounts.delete_user(admin, alice.id());
    BOOST_TEST(deleted.deleted_at.has_value());

    BOOST_TEST(failure_of([&] { accounts.authenticate_session(token); }) ==
               "unauthorized: Invalid user token");
    BOOST_TEST(failure_of([&] { accounts.authenticate_api_key(key); }) ==
               "unauthorized: Invalid API key");
    BOOST_TEST(failure_of([&] { accounts.authenticate_share_key(share_key); }) ==
               "unauthorized: Invalid share key");
    BOOST_TEST(failure_of([&] { accounts.login("alice@example.com", "alice-password", "", ""); }) ==
               "unauthorized: Incorrect email or password");
    BOOST_TEST(accounts.list_users(false).size() == 2u);
    BOOST_TEST(accounts.list_users(true).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(the_admin_cannot_be_deleted, service_fixture) {
    BOOST_TEST(failure_of([&] { accounts.delete_user(admin, admin.id()); }) ==
               "forbidden: Cannot delete admin user");
    BOOST_TEST(failure_of([&] { accounts.delete_user(admin, "no-such-user"); }) ==
               "bad_request: User not found");
}

BOOST_FIXTURE_TEST_CASE(a_share_key_works_in_base64url_and_in_hex, key_fixture) {
    const auto base64url = crypto::base64url_encode(link.key);
    const auto hex = crypto::hex_encode(link.key);
    BOOST_TEST(base64url.size() == 67u);
    BOOST_TEST(hex.size() == 100u);

    for (const auto& key : {base64url, hex, upper_case(hex)}) {
        BOOST_TEST_CONTEXT("key " << key) {
            const auto who = accounts.authenticate_share_key(key);
            BOOST_TEST(who.is_guest());
            BOOST_TEST(who.link->id == link.id);
            BOOST_TEST(who.id() == alice.id());
            BOOST_TEST(!who.session_id.has_value());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_key_opens_its_link_strictly_before_expiry, key_fixture) {
    const auto refused = "unauthorized: Invalid share key";
    const auto expired = with_expiry(now() - 1h);
    BOOST_TEST(failure_of([&] { guest(expired); }) == refused);

    // The key is checked after its expiry instant was set, so "now" is at or past it.
    const auto expiring = with_expiry(now());
    BOOST_TEST(failure_of([&] { guest(expiring); }) == refused);
    BOOST_TEST(expiring.is_expired(*expiring.expires_at));
    BOOST_TEST(!expiring.is_expired(*expiring.expires_at - 1ms));

    const auto open = with_expiry(now() + 1h);
    BOOST_TEST(guest(open).link->id == open.id);

    // The owner moving the expiry into the past closes the link at once; clearing it reopens.
    shared_link_patch close;
    close.expires_at = std::optional<timestamp>(now() - 1ms);
    links.update(alice, open.id, close);
    BOOST_TEST(failure_of([&] { guest(open); }) == refused);

    shared_link_patch reopen;
    reopen.expires_at = std::optional<timestamp>();
    links.update(alice, open.id, reopen);
    BOOST_TEST(guest(open).link->id == open.id);
}

BOOST_FIXTURE_TEST_CASE(a_removed_link_or_album_takes_its_key_along, key_fixture) {
    links.remove(alice, link.id);
    BOOST_TEST(failure_of([&] { guest(link); }) == "unauthorized: Invalid share key");

    new_album trip;
    trip.album_name = "trip";
    trip.asset_ids = {photo};
    const auto album = albums.create(alice, trip);
    new_shared_link request;
    request.type = shared_link_type::album;
    request.album_id = album.entity.id;
    const auto album_link = links.create(alice, request).link;
    BOOST_TEST(guest(album_link).link->album_id.value_or("") == album.entity.id);

    albums.remove(alice, album.entity.id);
    BOOST_TEST(failure_of([&] { guest(album_link); }) == "unauthorized: Invalid share key");
    BOOST_TEST(links.list(alice).empty());
}

BOOST_FIXTURE_TEST_CASE(garbage_is_an_invalid_share_key, key_fixture) {
    const auto real = crypto::base64url_encode(link.key);
    auto altered = real;
    altered[10] = altered[10] == 'A' ? 'B' : 'A';
    const std::vector<std::string> garbage{
        "",
        "!!!!",
        "abc",
        std::string(100, 'z'),
        std::string(100, '0'),
        crypto::hex_encode(crypto::random_bytes(50)),
        crypto::base64url_encode(crypto::random_bytes(50)),
        altered,
        real + "foo",
        real.substr(0, 66),
        "'; DROP TABLE shared_link; --",
    };
    for (const auto& key : garbage) {
        BOOST_TEST_CONTEXT("key \"" << key << "\"") {
            BOOST_TEST(failure_of([&] { accounts.authenticate_share_key(key); }) ==
                       "unauthorized: Invalid share key");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

/// Hears of deleted users, and looks whether readers already see each deletion by then.
struct deletion_witness final : change_listener {
    explicit deletion_witness(store& db) : db(db) {}

    void links_changed(const std::vector<std::string>&) override {}
    void user_deleted(const std::string& user_id) override {
        const auto found = db.begin(access_mode::read)->users().find_by_id(user_id);
        seen_deleted = found && found->is_deleted();
        ++calls;
    }

    store& db;
    bool seen_deleted = false;
    int calls = 0;
};

} // namespace

BOOST_FIXTURE_TEST_CASE(a_deletion_is_announced_only_once_readers_see_it, service_fixture) {
    event_journal journal;
    deletion_witness witness(*db);
    journal.add_listener(witness);
    account_service deleting(*db, journal);

    // As the server runs it: the worker hands the commit on instead of waiting for it, so
    // caches told of the deletion before it is visible would be refilled with the user alive.
    std::vector<std::shared_ptr<pending_commit>> commits;
    {
        deferred_durability deferred;
        deleting.delete_user(admin, alice.id());
        commits = deferred.take();
    }
    BOOST_REQUIRE(commits.size() == 1u);
    std::promise<std::exception_ptr> settled;
    commits.front()->when_settled([&](std::exception_ptr failure) { settled.set_value(failure); });
    BOOST_TEST(!settled.get_future().get());

    BOOST_TEST(witness.calls == 1);
    BOOST_TEST(witness.seen_deleted);
}
