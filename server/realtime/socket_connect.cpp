#include "server/realtime/socket_session.hpp"

#include "server/app/blocking.hpp"
#include "server/app/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

// The Socket.IO connect step of a session: authentication, the room, and the replay of the
// events a reconnecting client missed.

namespace lightbox {

namespace {

constexpr std::size_t replay_page_size = 500;

struct replay_page {
    /// The log no longer holds everything after the cursor, or never held the cursor.
    bool resync = false;
    std::int64_t latest = 0;
    std::vector<event_record> records;
};

replay_page read_replay_page(store& db, const std::string& room, std::int64_t after,
                             std::size_t limit) {
    auto work = db.begin(access_mode::read);
    auto& log = work->events();
    replay_page page;
    page.latest = log.latest_sequence();
    if (after < log.trimmed_through() || after > page.latest) {
        page.resync = true;
        return page;
    }
    page.records = log.read_room_after(room, after, limit);
    return page;
}

socket_io::frame resync_frame(std::int64_t latest) {
    const boost::json::object payload{{"latestSequence", latest}};
    return socket_io::make_frame(
        socket_io::event_packet("resync_required", boost::json::serialize(payload)));
}

} // namespace

net::awaitable<void> socket_session::connect() {
    // Whatever is published from here on reaches the socket, live or from the log, even
    // while it is still being authenticated.
    const auto published = app_.journal.published_through();
    const auto resume_from = last_sequence(connect_request_.auth, query_);

    auto identity = co_await run_on(app_.workers.get_executor(), [this] {
        return authenticate_socket(app_.accounts, upgrade_, query_);
    });
    if (closing_) {
        co_return;
    }
    if (!identity) {
        close("unauthorized", websocket::close_code::normal,
              {socket_io::make_frame(socket_io::connect_packet(socket_id_)),
               socket_io::unauthorized_frame(), socket_io::disconnect_frame()});
        co_return;
    }

    // Join before replaying: live events arriving meanwhile are held back until it is done.
    identity_ = std::move(identity);
    if (identity_->is_guest()) {
        link_expires_at_ = identity_->who.link->expires_at;
        watch_link_expiry();
    }
    replaying_ = true;
    hub_.join(shared_from_this(), identity_->room);
    enqueue(socket_io::make_frame(socket_io::connect_packet(socket_id_)));
    enqueue(socket_io::server_version_frame());

    log_info("socket connected")
        .field("request_id", request_id_)
        .field("room_kind", room_kind())
        .field("last_sequence", resume_from ? static_cast<long long>(*resume_from) : -1LL);
    co_await replay(resume_from.value_or(published));
}

net::awaitable<void> socket_session::replay(std::int64_t after) {
    const auto limit = hub_.options().queue_limit;
    const auto page_size = std::clamp<std::size_t>(limit, 1, replay_page_size);
    auto& db = *app_.db;
    const auto& room = identity_->room;

    sent_through_ = after;
    for (;;) {
        const auto cursor = sent_through_;
        // Captured by reference: GCC 12 destroys a lambda temporary twice when it holds a
        // string and is passed into a co_await expression.
        const auto page = co_await run_on(app_.workers.get_executor(), [&] {
            return read_replay_page(db, room, cursor, page_size);
        });
        if (closing_) {
            co_return;
        }
        if (page.resync) {
            enqueue(resync_frame(page.latest));
            sent_through_ = page.latest;
            break;
        }

        // A long replay goes at the client's pace instead of overflowing its queue.
        while (!closing_ && !queue_.empty() && queue_.size() + page.records.size() > limit) {
            co_await written_some();
        }
        for (const auto& record : page.records) {
            if (!send(outgoing(record))) {
                co_return;
            }
        }
        if (page.records.size() < page_size) {
            break;
        }
    }

    // Then the live events held back meanwhile; `send` skips those the log already gave.
    while (!closing_ && !queue_.empty() && queue_.size() + held_.size() > limit) {
        co_await written_some();
    }
    if (closing_) {
        co_return;
    }
    replaying_ = false;
    const auto held = std::move(held_);
    held_.clear();
    for (const auto& event : held) {
        if (!send(event)) {
            co_return;
        }
    }
}

net::awaitable<void> socket_session::written_some() {
    drained_.expires_at(net::steady_timer::time_point::max());
    co_await drained_.async_wait(net::as_tuple(net::use_awaitable));
}

} // namespace lightbox
