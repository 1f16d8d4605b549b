// Sign-up, login, sessions, credential precedence, users and API keys over real HTTP.
#include "domain/crypto/crypto.hpp"
#include "server_behaviour_wire.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <regex>
#include <set>
#include <sqlite3.h>

using namespace lightbox::testing;
namespace crypto = lightbox::crypto;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

/// One server with an admin and a user, for the cases that do not change either.
struct shared_accounts {
    static inline shared_accounts* instance = nullptr;

    test_server server;
    account admin = server.sign_up_admin();
    account user1 = server.create_user(admin, "user1@immich.app", "User", "One");

    shared_accounts() { instance = this; }
    ~shared_accounts() { instance = nullptr; }
};

shared_accounts& env() {
    return *shared_accounts::instance;
}
const test_client& client() {
    return env().server.client();
}

std::set<std::string> keys_of(const json::object& object) {
    std::set<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace(entry.key());
    }
    return keys;
}

bool is_iso_instant(const json::value& value) {
    static const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    return value.is_string() && std::regex_match(std::string(value.as_string()), iso);
}

bool is_v4_uuid(const json::value& value) {
    static const std::regex uuid(
        R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
    return value.is_string() && std::regex_match(std::string(value.as_string()), uuid);
}

std::string text(const json::value& value, const char* key) {
    return std::string(value.at(key).as_string());
}

/// Reads one text column of one row from the server's SQLite file, read-only.
std::string query_one(const test_server& server, const std::string& sql, const std::string& param) {
    sqlite3* db = nullptr;
    const auto file = (server.data_dir() / "lightbox.db").string();
    BOOST_REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_text(statement, 1, param.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(statement) == SQLITE_ROW) {
            const auto* column = sqlite3_column_text(statement, 0);
            out = column ? reinterpret_cast<const char*>(column) : "";
        }
    } else {
        BOOST_ERROR("cannot prepare " << sql << ": " << sqlite3_errmsg(db));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return out;
}

/// Every byte the database keeps: the main file and its write-ahead log.
std::string database_bytes(const test_server& server) {
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(server.data_dir())) {
        if (entry.path().filename().string().rfind("lightbox.db", 0) == 0) {
            bytes += read_file(entry.path());
        }
    }
    return bytes;
}

std::string sha256_base64(const std::string& secret) {
    return crypto::base64_encode(crypto::sha256(secret));
}

struct api_key_made {
    std::string id;
    std::string secret;
};

api_key_made make_api_key(const account& who, const std::string& name = "test key") {
    const auto result = client().post("/api/api-key", {{"name", name}}, who.auth());
    BOOST_REQUIRE_EQUAL(result.status, 201);
    const auto body = result.json();
    return {text(body.at("apiKey"), "id"), text(body, "secret")};
}

std::string make_share_key(test_server& server, const account& who) {
    const auto album = server.create_album(who, "linked");
    const auto link = server.create_link(who, {{"type", "ALBUM"}, {"albumId", album}});
    return std::string(link.at("key").as_string());
}

} // namespace

BOOST_AUTO_TEST_SUITE(auth_sign_up)

BOOST_AUTO_TEST_CASE(the_first_admin_signs_up_once) {
    test_server server;
    const auto result =
        server.client().post("/api/auth/admin-sign-up", {{"email", "Admin@Immich.App"},
                                                         {"password", "admin-password"},
                                                         {"firstName", "Immich"},
                                                         {"lastName", "Admin"}});
    BOOST_TEST(result.status == 201, result.body);
    const auto body = result.json().as_object();
    BOOST_TEST((keys_of(body) ==
                std::set<std::string>{"id", "email", "firstName", "lastName", "createdAt"}));
    BOOST_TEST(is_v4_uuid(body.at("id")));
    BOOST_TEST(body.at("email").as_string() == "admin@immich.app");
    BOOST_TEST(body.at("firstName").as_string() == "Immich");
    BOOST_TEST(body.at("lastName").as_string() == "Admin");
    BOOST_TEST(is_iso_instant(body.at("createdAt")), body.at("createdAt"));

    const auto again =
        server.client().post("/api/auth/admin-sign-up", {{"email", "other@immich.app"},
                                                         {"password", "password"},
                                                         {"firstName", "Other"},
                                                         {"lastName", "Admin"}});
    check_error(again, 400, "Bad Request", "The server already has an admin");

    const auto admin = server.login("admin@immich.app", "admin-password");
    const auto me = server.client().get("/api/user/me", admin.auth()).json();
    BOOST_TEST(me.at("isAdmin").as_bool());
    BOOST_TEST(me.at("storageLabel").as_string() == "admin");
    BOOST_TEST(me.at("shouldChangePassword").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(sign_up_validates_every_field) {
    test_server server;
    const auto& c = server.client();
    check_validation_of(c.post("/api/auth/admin-sign-up",
                               {{"password", "pw"}, {"firstName", "A"}, {"lastName", "B"}}),
                        "email");
    check_validation(
        c.post("/api/auth/admin-sign-up",
               {{"email", "foo"}, {"password", "pw"}, {"firstName", "A"}, {"lastName", "B"}}),
        "email must be an email");
    check_validation_of(c.post("/api/auth/admin-sign-up",
                               {{"email", "a@b"}, {"firstName", "A"}, {"lastName", "B"}}),
                        "password");
    check_validation(
        c.post("/api/auth/admin-sign-up", {{"email", "a@b"}, {"password", ""}, {"lastName", "B"}}),
        "password should not be empty");
    check_validation_of(c.post("/api/auth/admin-sign-up",
                               {{"email", "a@b"}, {"password", "pw"}, {"lastName", "B"}}),
                        "firstName");
    check_validation_of(
        c.post("/api/auth/admin-sign-up",
               {{"email", "a@b"}, {"password", "pw"}, {"firstName", nullptr}, {"lastName", "B"}}),
        "firstName");

    // Nothing was created by the failures: the real sign-up still works.
    BOOST_TEST(c.post("/api/auth/admin-sign-up",
                      {{"email", "a@b"}, {"password", "pw"}, {"firstName", "A"}, {"lastName", "B"}})
                   .status == 201);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(auth, *utf::fixture<shared_accounts>())

BOOST_AUTO_TEST_CASE(login_answers_the_token_and_two_cookies) {
    const auto result = client().post("/api/auth/login",
                                      {{"email", "USER1@immich.app"}, {"password", "Password123"}});
    BOOST_TEST(result.status == 201, result.body);
    const auto body = result.json().as_object();
    BOOST_TEST((keys_of(body) == std::set<std::string>{"accessToken", "userId", "userEmail",
                                                       "firstName", "lastName", "profileImagePath",
                                                       "isAdmin", "shouldChangePassword"}));
    const auto token = text(body, "accessToken");
    // 32 random bytes in base64, 43 characters less the few `+` and `/` taken out.
    BOOST_TEST(token.size() >= 30u);
    BOOST_TEST(std::all_of(token.begin(), token.end(),
                           [](unsigned char c) { return std::isalnum(c) != 0; }));
    BOOST_TEST(body.at("userId").as_string() == env().user1.id);
    BOOST_TEST(body.at("userEmail").as_string() == "user1@immich.app");
    BOOST_TEST(body.at("firstName").as_string() == "User");
    BOOST_TEST(body.at("lastName").as_string() == "One");
    BOOST_TEST(body.at("isAdmin").as_bool() == false);
    BOOST_TEST(body.at("shouldChangePassword").as_bool() == true);

    std::set<std::string> cookies;
    const auto [first, last] = result.headers.equal_range("set-cookie");
    for (auto it = first; it != last; ++it) {
        cookies.insert(it->second);
    }
    const std::string attributes = "; HttpOnly; Path=/; Max-Age=34560000; SameSite=Lax";
    BOOST_TEST(cookies.size() == 2u);
    BOOST_TEST(cookies.count("immich_access_token=" + token + attributes) == 1u);
    BOOST_TEST(cookies.count("immich_auth_type=password" + attributes) == 1u);

    const auto me = client().get("/api/user/me", bearer(token));
    BOOST_TEST(me.json().at("id").as_string() == env().user1.id);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_and_an_unknown_email_look_the_same) {
    check_error(
        client().post("/api/auth/login", {{"email", "user1@immich.app"}, {"password", "wrong"}}),
        401, "Unauthorized", "Incorrect email or password");
    check_error(client().post("/api/auth/login",
                              {{"email", "nobody@immich.app"}, {"password", "Password123"}}),
                401, "Unauthorized", "Incorrect email or password");
    check_validation_of(client().post("/api/auth/login", {{"email", "user1@immich.app"}}),
                        "password");
    check_validation_of(client().post("/api/auth/login", {{"password", "Password123"}}), "email");
}

BOOST_AUTO_TEST_CASE(passwords_are_bcrypt_and_secrets_are_stored_as_hashes_only) {
    const auto hash = query_one(env().server, "SELECT password_hash FROM users WHERE email = ?",
                                "user1@immich.app");
    BOOST_TEST(hash.rfind("$2b$10$", 0) == 0u, hash);
    BOOST_TEST(hash.size() == 60u);

    const auto session = env().server.login("user1@immich.app", "Password123");
    const auto key = make_api_key(env().user1, "stored");
    BOOST_TEST(query_one(env().server, "SELECT user_id FROM user_session WHERE token_hash = ?",
                         sha256_base64(session.token)) == env().user1.id);
    BOOST_TEST(query_one(env().server, "SELECT id FROM api_key WHERE key_hash = ?",
                         sha256_base64(key.secret)) == key.id);

    const auto bytes = database_bytes(env().server);
    BOOST_TEST(bytes.find(session.token) == std::string::npos);
    BOOST_TEST(bytes.find(env().admin.token) == std::string::npos);
    BOOST_TEST(bytes.find(key.secret) == std::string::npos);
    BOOST_TEST(bytes.find("Password123") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_kind_of_credential_signs_in) {
    const auto& user1 = env().user1;
    const auto key = make_api_key(user1);
    const std::vector<std::pair<std::string, header_list>> ways = {
        {"bearer", bearer(user1.token)},
        {"lower-case scheme", {{"Authorization", "bearer " + user1.token}}},
        {"x-immich-user-token", {{"x-immich-user-token", user1.token}}},
        {"cookie", {{"Cookie", "theme=dark; immich_access_token=" + user1.token}}},
        {"x-api-key", with_api_key(key.secret)},
    };
    for (const auto& [name, headers] : ways) {
        const auto result = client().get("/api/user/me", headers);
        BOOST_TEST(result.status == 200, name);
        BOOST_TEST(result.json().at("id").as_string() == user1.id, name);
    }
    BOOST_TEST(client().get("/api/user/me?apiKey=" + key.secret).json().at("id").as_string() ==
               user1.id);
    check_error(client().get("/api/user/me"), 401, "Unauthorized", "Authentication required");
}

BOOST_AUTO_TEST_CASE(the_share_key_wins_then_the_session_then_the_api_key) {
    const auto& admin = env().admin;
    const auto& user1 = env().user1;
    const auto share_key = make_share_key(env().server, user1);
    const auto admin_key = make_api_key(admin);

    // With a share key present the caller is the link's guest, whatever else is sent.
    auto both = with_share_key(share_key);
    both.emplace_back("Authorization", "Bearer " + admin.token);
    const auto me = client().get("/api/shared-link/me", both);
    BOOST_TEST(me.status == 200, me.body);
    BOOST_TEST(me.json().at("userId").as_string() == user1.id);
    check_error(client().get("/api/user/me", both), 403, "Forbidden", "Forbidden resource");
    check_error(client().get("/api/user/me?key=" + share_key, admin.auth()), 403, "Forbidden",
                "Forbidden resource");

    // A session beats an API key.
    auto session_and_key = user1.auth();
    session_and_key.emplace_back("x-api-key", admin_key.secret);
    BOOST_TEST(client().get("/api/user/me", session_and_key).json().at("id").as_string() ==
               user1.id);
    const auto cookie_and_key =
        client().get("/api/user/me", {{"Cookie", "immich_access_token=" + user1.token},
                                      {"x-api-key", admin_key.secret}});
    BOOST_TEST(cookie_and_key.json().at("id").as_string() == user1.id);
}

BOOST_AUTO_TEST_CASE(a_bad_credential_is_401_even_beside_a_good_one) {
    const auto& admin = env().admin;
    const auto admin_key = make_api_key(admin);

    auto bad_share = with_share_key("not-a-real-share-key");
    bad_share.emplace_back("Authorization", "Bearer " + admin.token);
    check_error(client().get("/api/user/me", bad_share), 401, "Unauthorized", "Invalid share key");
    check_error(client().get("/api/shared-link/me?key=nope", admin.auth()), 401, "Unauthorized",
                "Invalid share key");

    check_error(client().get("/api/user/me",
                             {{"Authorization", "Bearer nope"}, {"x-api-key", admin_key.secret}}),
                401, "Unauthorized", "Invalid user token");
    // The contract's order among session tokens: Bearer, then x-immich-user-token, then the
    // cookie; the first present one is the one that counts.
    check_error(client().get("/api/user/me", {{"Authorization", "Bearer nope"},
                                              {"x-immich-user-token", admin.token}}),
                401, "Unauthorized", "Invalid user token");
    check_error(client().get("/api/user/me", {{"x-immich-user-token", "nope"},
                                              {"Cookie", "immich_access_token=" + admin.token}}),
                401, "Unauthorized", "Invalid user token");
    check_error(client().get("/api/user/me", {{"Cookie", "immich_access_token=nope"}}), 401,
                "Unauthorized", "Invalid user token");
    check_error(client().get("/api/user/me", with_api_key(admin_key.secret + "x")), 401,
                "Unauthorized", "Invalid API key");
    check_error(client().get("/api/user/me?apiKey=nope"), 401, "Unauthorized", "Invalid API key");
}

BOOST_AUTO_TEST_CASE(validate_token_confirms_a_live_session) {
    const auto result =
        client().post("/api/auth/validateToken", json::object{}, env().user1.auth());
    BOOST_TEST(result.status == 200);
    BOOST_TEST(result.json() == json::parse(R"({"authStatus":true})"));
    check_error(client().post("/api/auth/validateToken", json::object{}, bearer("nope")), 401,
                "Unauthorized", "Invalid user token");
    check_error(client().post("/api/auth/validateToken", json::object{}), 401, "Unauthorized",
                "Authentication required");
}

BOOST_AUTO_TEST_CASE(logout_ends_only_that_session) {
    const auto session = env().server.login("user1@immich.app", "Password123");
    const auto result = client().post("/api/auth/logout", json::object{}, session.auth());
    BOOST_TEST(result.status == 200);
    BOOST_TEST(result.json() ==
               json::parse(R"({"successful":true,"redirectUri":"/auth/login?autoLaunch=0"})"));
    std::set<std::string> cleared;
    const auto [first, last] = result.headers.equal_range("set-cookie");
    for (auto it = first; it != last; ++it) {
        cleared.insert(it->second.substr(0, it->second.find('=')));
        BOOST_TEST(it->second.find("Max-Age=0") != std::string::npos, it->second);
    }
    BOOST_TEST((cleared == std::set<std::string>{"immich_access_token", "immich_auth_type"}));

    check_error(client().get("/api/user/me", session.auth()), 401, "Unauthorized",
                "Invalid user token");
    check_error(client().post("/api/auth/logout", json::object{}, session.auth()), 401,
                "Unauthorized", "Invalid user token");
    BOOST_TEST(client().get("/api/user/me", env().user1.auth()).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(users, *utf::fixture<shared_accounts>())

BOOST_AUTO_TEST_CASE(me_is_the_whole_user) {
    const auto result = client().get("/api/user/me", env().user1.auth());
    BOOST_TEST(result.status == 200);
    const auto body = result.json().as_object();
    BOOST_TEST((keys_of(body) == std::set<std::string>{"id", "email", "firstName", "lastName",
                                                       "storageLabel", "externalPath",
                                                       "profileImagePath", "shouldChangePassword",
                                                       "isAdmin", "createdAt", "deletedAt",
                                                       "updatedAt", "oauthId", "memoriesEnabled"}));
    BOOST_TEST(body.at("id").as_string() == env().user1.id);
    BOOST_TEST(body.at("email").as_string() == "user1@immich.app");
    BOOST_TEST(body.at("isAdmin").as_bool() == false);
    BOOST_TEST(body.at("shouldChangePassword").as_bool() == true);
    BOOST_TEST(body.at("memoriesEnabled").as_bool() == true);
    BOOST_TEST(body.at("storageLabel").is_null());
    BOOST_TEST(body.at("deletedAt").is_null());
    BOOST_TEST(is_iso_instant(body.at("createdAt")));
    BOOST_TEST(is_iso_instant(body.at("updatedAt")));
}

BOOST_AUTO_TEST_CASE(users_are_listed_and_found_by_id) {
    const auto list = client().get("/api/user", env().user1.auth());
    BOOST_TEST(list.status == 200);
    std::set<std::string> ids;
    const auto users = list.json();
    for (const auto& each : users.as_array()) {
        ids.insert(text(each, "id"));
    }
    BOOST_TEST(ids.count(env().admin.id) == 1u);
    BOOST_TEST(ids.count(env().user1.id) == 1u);

    const auto found = client().get("/api/user/info/" + env().admin.id, env().user1.auth());
    BOOST_TEST(found.status == 200);
    BOOST_TEST(found.json().at("email").as_string() == "admin@immich.app");
    BOOST_TEST(found.json().at("isAdmin").as_bool());

    check_error(
        client().get("/api/user/info/3fa85f64-5717-4562-b3fc-2c963f66afa6", env().user1.auth()),
        404, "Not Found", "User not found");
    check_validation(client().get("/api/user/info/me", env().user1.auth()), "id must be a UUID");
    check_error(client().get("/api/user/info/" + env().admin.id), 401, "Unauthorized",
                "Authentication required");
}

BOOST_AUTO_TEST_CASE(only_an_admin_creates_users) {
    const json::object body = {{"email", "user2@immich.app"},
                               {"password", "Password123"},
                               {"firstName", "User"},
                               {"lastName", "Two"},
                               {"isAdmin", true}};
    check_error(client().post("/api/user", body, env().user1.auth()), 403, "Forbidden",
                "Forbidden resource");

    const auto created = client().post("/api/user", body, env().admin.auth());
    BOOST_TEST(created.status == 201, created.body);
    const auto user = created.json();
    BOOST_TEST(is_v4_uuid(user.at("id")));
    BOOST_TEST(user.at("email").as_string() == "user2@immich.app");
    BOOST_TEST(user.at("isAdmin").as_bool() == false);
    BOOST_TEST(user.at("shouldChangePassword").as_bool() == true);
    BOOST_TEST(user.at("deletedAt").is_null());

    check_error(client().post("/api/user", body, env().admin.auth()), 400, "Bad Request",
                "User exists");
    auto shouted = body;
    shouted["email"] = "USER2@IMMICH.APP";
    check_error(client().post("/api/user", shouted, env().admin.auth()), 400, "Bad Request",
                "User exists");
    check_validation_of(
        client().post(
            "/api/user",
            {{"email", "user3@immich.app"}, {"password", "Password123"}, {"lastName", "Three"}},
            env().admin.auth()),
        "firstName");
    check_validation(client().post("/api/user",
                                   {{"email", "not an email"},
                                    {"password", "Password123"},
                                    {"firstName", "Bad"},
                                    {"lastName", "Email"}},
                                   env().admin.auth()),
                     "email must be an email");
}

BOOST_AUTO_TEST_CASE(deleting_a_user_revokes_every_credential_they_had) {
    auto& server = env().server;
    const auto& admin = env().admin;
    const auto doomed = server.create_user(admin, "doomed@immich.app");
    const auto key = make_api_key(doomed);
    const auto share_key = make_share_key(server, doomed);
    BOOST_TEST(client().get("/api/shared-link/me?key=" + share_key).status == 200);

    check_error(client().del("/api/user/" + doomed.id, env().user1.auth()), 403, "Forbidden",
                "Forbidden resource");
    check_error(client().del("/api/user/" + admin.id, admin.auth()), 403, "Forbidden",
                "Cannot delete admin user");
    check_error(client().del("/api/user/3fa85f64-5717-4562-b3fc-2c963f66afa6", admin.auth()), 400,
                "Bad Request", "User not found");
    check_validation(client().del("/api/user/xyz", admin.auth()), "id must be a UUID");

    const auto deleted = client().del("/api/user/" + doomed.id, admin.auth());
    BOOST_TEST(deleted.status == 200, deleted.body);
    BOOST_TEST(deleted.json().at("id").as_string() == doomed.id);
    BOOST_TEST(is_iso_instant(deleted.json().at("deletedAt")));

    check_error(client().get("/api/user/me", doomed.auth()), 401, "Unauthorized",
                "Invalid user token");
    check_error(client().get("/api/user/me", with_api_key(key.secret)), 401, "Unauthorized",
                "Invalid API key");
    check_error(client().get("/api/shared-link/me?key=" + share_key), 401, "Unauthorized",
                "Invalid share key");
    check_error(client().get("/api/shared-link/me", with_share_key(share_key)), 401, "Unauthorized",
                "Invalid share key");
    check_error(client().post("/api/auth/login",
                              {{"email", "doomed@immich.app"}, {"password", "Password123"}}),
                401, "Unauthorized", "Incorrect email or password");

    // Immich's isAll reads backwards: true hides the deleted, absent or false shows them.
    const auto listed = [&](const std::string& query) {
        const auto users = client().get("/api/user" + query, admin.auth()).json();
        std::set<std::string> ids;
        for (const auto& each : users.as_array()) {
            ids.insert(text(each, "id"));
        }
        return ids.count(doomed.id) == 1;
    };
    BOOST_TEST(listed(""));
    BOOST_TEST(listed("?isAll=false"));
    BOOST_TEST(!listed("?isAll=true"));
    check_validation(client().get("/api/user?isAll=maybe", admin.auth()),
                     "isAll must be a boolean value");
}

BOOST_AUTO_TEST_CASE(a_share_key_cannot_read_users) {
    const auto share_key = make_share_key(env().server, env().user1);
    check_error(client().get("/api/user/me", with_share_key(share_key)), 403, "Forbidden",
                "Forbidden resource");
    check_error(client().get("/api/user?key=" + share_key), 403, "Forbidden", "Forbidden resource");
    check_error(client().get("/api/api-key", with_share_key(share_key)), 403, "Forbidden",
                "Forbidden resource");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(api_keys, *utf::fixture<shared_accounts>())

BOOST_AUTO_TEST_CASE(create_answers_the_secret_once) {
    const auto result = client().post("/api/api-key", {{"name", "my key"}}, env().user1.auth());
    BOOST_TEST(result.status == 201, result.body);
    const auto body = result.json().as_object();
    BOOST_TEST((keys_of(body) == std::set<std::string>{"secret", "apiKey"}));
    const auto& key = body.at("apiKey").as_object();
    BOOST_TEST((keys_of(key) == std::set<std::string>{"id", "name", "createdAt", "updatedAt"}));
    BOOST_TEST(is_v4_uuid(key.at("id")));
    BOOST_TEST(key.at("name").as_string() == "my key");
    BOOST_TEST(is_iso_instant(key.at("createdAt")));
    BOOST_TEST(is_iso_instant(key.at("updatedAt")));
    BOOST_TEST(body.at("secret").as_string().size() >= 30u);

    const auto unnamed = client().post("/api/api-key", json::object{}, env().user1.auth());
    BOOST_TEST(unnamed.status == 201);
    BOOST_TEST(unnamed.json().at("apiKey").at("name").as_string() == "API Key");
    check_validation(client().post("/api/api-key", {{"name", 5}}, env().user1.auth()),
                     "name must be a string");
}

BOOST_AUTO_TEST_CASE(keys_are_listed_and_deleted_by_their_owner_only) {
    const auto owner = env().server.create_user(env().admin, "keys@immich.app");
    const auto first = make_api_key(owner, "first");
    const auto second = make_api_key(owner, "second");

    const auto list = client().get("/api/api-key", owner.auth());
    BOOST_TEST(list.status == 200);
    std::set<std::string> names;
    const auto keys = list.json();
    for (const auto& each : keys.as_array()) {
        BOOST_TEST(!each.as_object().contains("secret"));
        names.insert(text(each, "name"));
    }
    BOOST_TEST((names == std::set<std::string>{"first", "second"}));
    const auto others = client().get("/api/api-key", env().user1.auth()).json();
    for (const auto& each : others.as_array()) {
        BOOST_TEST(each.at("id").as_string() != first.id);
        BOOST_TEST(each.at("id").as_string() != second.id);
    }

    check_error(client().del("/api/api-key/" + first.id, env().user1.auth()), 400, "Bad Request",
                "API Key not found");
    check_error(client().del("/api/api-key/3fa85f64-5717-4562-b3fc-2c963f66afa6", owner.auth()),
                400, "Bad Request", "API Key not found");
    BOOST_TEST(client().get("/api/user/me", with_api_key(first.secret)).status == 200);

    const auto deleted = client().del("/api/api-key/" + first.id, owner.auth());
    BOOST_TEST(deleted.status == 200);
    BOOST_TEST(deleted.body.empty());
    check_error(client().get("/api/user/me", with_api_key(first.secret)), 401, "Unauthorized",
                "Invalid API key");
    BOOST_TEST(client().get("/api/user/me", with_api_key(second.secret)).status == 200);
    const auto remaining = client().get("/api/api-key", owner.auth()).json().as_array();
    BOOST_REQUIRE(remaining.size() == 1u);
    BOOST_TEST(remaining[0].at("id").as_string() == second.id);
}

BOOST_AUTO_TEST_CASE(an_api_key_carries_its_users_rights) {
    const auto key = make_api_key(env().admin, "admin key");
    const auto created = client().post("/api/user",
                                       {{"email", "by-key@immich.app"},
                                        {"password", "Password123"},
                                        {"firstName", "By"},
                                        {"lastName", "Key"}},
                                       with_api_key(key.secret));
    BOOST_TEST(created.status == 201, created.body);

    const auto user_key = make_api_key(env().user1, "user key");
    check_error(client().post("/api/user",
                              {{"email", "by-user-key@immich.app"},
                               {"password", "Password123"},
                               {"firstName", "By"},
                               {"lastName", "Key"}},
                              with_api_key(user_key.secret)),
                403, "Forbidden", "Forbidden resource");
}

BOOST_AUTO_TEST_SUITE_END()
