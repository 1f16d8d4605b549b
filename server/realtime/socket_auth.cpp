#include "server/realtime/socket_auth.hpp"

#include "domain/error.hpp"
#include "domain/events/event_record.hpp"
#include "server/auth/credentials.hpp"

#include <boost/url/parse.hpp>
#include <charconv>

namespace lightbox {

namespace {

std::optional<std::int64_t> parse_sequence(std::string_view text) {
    std::int64_t sequence = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), sequence);
    if (ec != std::errc{} || end != text.data() + text.size() || sequence < 0) {
        return std::nullopt;
    }
    return sequence;
}

std::optional<std::int64_t> sequence_of(const boost::json::value& value) {
    if (const auto* number = value.if_int64()) {
        return *number >= 0 ? std::optional(*number) : std::nullopt;
    }
    if (const auto* number = value.if_uint64()) {
        return *number <= static_cast<std::uint64_t>(INT64_MAX)
                   ? std::optional(static_cast<std::int64_t>(*number))
                   : std::nullopt;
    }
    if (const auto* number = value.if_double()) {
        // JavaScript numbers arrive as doubles once they have been through arithmetic.
        const auto whole = static_cast<std::int64_t>(*number);
        return whole >= 0 && static_cast<double>(whole) == *number ? std::optional(whole)
                                                                   : std::nullopt;
    }
    if (const auto* text = value.if_string()) {
        return parse_sequence(*text);
    }
    return std::nullopt;
}

} // namespace

std::map<std::string, std::string> query_of(std::string_view target) {
    std::map<std::string, std::string> query;
    const auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) {
        return query;
    }
    for (const auto& param : parsed->params()) {
        query.emplace(param.key, param.has_value ? param.value : std::string{});
    }
    return query;
}

std::optional<socket_identity>
authenticate_socket(account_service& accounts, const http::request_header<>& upgrade,
                    const std::map<std::string, std::string>& query) {
    const auto presented = find_credential(upgrade, query);
    if (!presented) {
        return std::nullopt;
    }
    try {
        auto who = authenticate(accounts, *presented);
        auto room = who.is_guest() ? link_room(who.link->id) : user_room(who.id());
        return socket_identity{std::move(who), std::move(room)};
    } catch (const domain_error&) {
        // A key, token or link that does not (or no longer) admit anyone.
        return std::nullopt;
    }
}

std::optional<std::int64_t> last_sequence(const std::optional<boost::json::value>& auth,
                                          const std::map<std::string, std::string>& query) {
    if (auth && auth->is_object()) {
        if (const auto* given = auth->as_object().if_contains("lastSequence")) {
            return sequence_of(*given);
        }
    }
    if (const auto given = query.find("lastSequence"); given != query.end()) {
        return parse_sequence(given->second);
    }
    return std::nullopt;
}

} // namespace lightbox
