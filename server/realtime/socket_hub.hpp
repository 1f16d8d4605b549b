#pragma once

#include "domain/events/change_listener.hpp"
#include "domain/events/event_subscriber.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lightbox {

class socket_session;

struct socket_options {
    std::chrono::milliseconds ping_interval;
    std::chrono::milliseconds ping_timeout;
    /// Frames that may wait for one socket before it is disconnected.
    std::size_t queue_limit;
};

/**
 * The sockets alive in this process and the room each one joined. Committed events are
 * fanned out from here: each event's frame is built once and the same buffer is queued to
 * every socket of its room. Publishing only posts to the sockets' strands, so a slow socket
 * never holds up the publisher or the other sockets.
 */
class socket_hub final : public event_subscriber, public change_listener {
public:
    explicit socket_hub(socket_options options) : options_(options) {}

    const socket_options& options() const { return options_; }

    /// Counts a socket from its upgrade on; false once shutdown has begun.
    bool add(const std::shared_ptr<socket_session>& socket);
    /// The socket starts receiving the room's events.
    void join(const std::shared_ptr<socket_session>& socket, const std::string& room);
    /// Forgets the socket, and takes it out of its room (empty when it joined none).
    void remove(const std::shared_ptr<socket_session>& socket, const std::string& room);

    void publish(const std::vector<event_record>& batch) override;

    /// Link changes reach sockets as events; nothing more to do here.
    void links_changed(const std::vector<std::string>&) override {}
    /// Closes the deleted user's sockets and those of guests of the user's links.
    void user_deleted(const std::string& user_id) override;

    /// Refuses new sockets and closes every open one.
    void close_all();
    std::size_t open_sockets() const { return open_; }

private:
    socket_options options_;
    std::mutex mutex_;
    bool stopping_ = false;
    std::unordered_set<std::shared_ptr<socket_session>> sockets_;
    std::unordered_map<std::string, std::vector<std::shared_ptr<socket_session>>> rooms_;
    std::atomic<std::size_t> open_{0};
};

} // namespace lightbox
