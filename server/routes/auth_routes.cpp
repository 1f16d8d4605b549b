#include "server/json/dto.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

namespace lightbox {

namespace {

new_user read_new_user(json_input& input) {
    new_user request;
    request.email = input.email("email").value_or("");
    request.password = input.new_password("password").value_or("");
    request.first_name = input.non_empty_text("firstName").value_or("");
    request.last_name = input.non_empty_text("lastName").value_or("");
    return request;
}

std::string header_or(const request_context& context, std::string_view name,
                      std::string fallback) {
    const auto found = context.header.find(name);
    if (found == context.header.end() || found->value().empty()) {
        return fallback;
    }
    return std::string(found->value());
}

} // namespace

void add_auth_routes(router& routes, app_context& app) {
    routes.add({http::verb::post, "/auth/admin-sign-up", route_access::open, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    auto request = read_new_user(input);
                    input.finish();
                    const auto admin = co_await on_worker(
                        app, [&] { return app.accounts.admin_sign_up(request); });
                    co_return json_reply(http::status::created,
                                         {{"id", admin.id},
                                          {"email", admin.email},
                                          {"firstName", admin.first_name},
                                          {"lastName", admin.last_name},
                                          {"createdAt", format_iso(admin.created_at)}});
                }});

    routes.add({http::verb::post, "/auth/login", route_access::open, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    json_input input(context.body);
                    const auto email = input.email("email").value_or("");
                    const auto password = input.non_empty_text("password").value_or("");
                    input.finish();
                    const auto device_type = header_or(context, "devicemodel", "Unknown");
                    const auto device_os = header_or(context, "devicetype", "Unknown");
                    const auto result = co_await on_worker(app, [&] {
                        return app.accounts.login(email, password, device_type, device_os);
                    });
                    const auto& u = result.account;
                    auto answer = json_reply(http::status::created,
                                             {{"accessToken", result.access_token},
                                              {"userId", u.id},
                                              {"userEmail", u.email},
                                              {"firstName", u.first_name},
                                              {"lastName", u.last_name},
                                              {"profileImagePath", u.profile_image_path},
                                              {"isAdmin", u.is_admin},
                                              {"shouldChangePassword", u.should_change_password}});
                    const std::string attributes = "; HttpOnly; Path=/; Max-Age=34560000; "
                                                   "SameSite=Lax";
                    auto& message = std::get<string_response>(answer.message);
                    message.insert(http::field::set_cookie,
                                   "immich_access_token=" + result.access_token + attributes);
                    message.insert(http::field::set_cookie,
                                   "immich_auth_type=password" + attributes);
                    co_return answer;
                }});

    routes.add({http::verb::post, "/auth/logout", route_access::signed_in, false, false,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto& who = context.signed_in();
                    co_await on_worker(app, [&] { app.accounts.logout(who); });
                    auto answer = json_reply(http::status::ok,
                                             {{"successful", true},
                                              {"redirectUri", "/auth/login?autoLaunch=0"}});
                    auto& message = std::get<string_response>(answer.message);
                    const std::string expired = "; HttpOnly; Path=/; Max-Age=0; SameSite=Lax";
                    message.insert(http::field::set_cookie, "immich_access_token=" + expired);
                    message.insert(http::field::set_cookie, "immich_auth_type=" + expired);
                    co_return answer;
                }});

    routes.add({http::verb::post, "/auth/validateToken", route_access::signed_in, false, false,
                [](request_context&) -> net::awaitable<reply> {
                    co_return json_reply(http::status::ok, {{"authStatus", true}});
                }});
}

} // namespace lightbox
