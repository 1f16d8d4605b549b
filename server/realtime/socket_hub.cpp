#include "server/realtime/socket_hub.hpp"

#include "server/realtime/socket_session.hpp"

#include <boost/asio/post.hpp>

namespace lightbox {

bool socket_hub::add(const std::shared_ptr<socket_session>& socket) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        return false;
    }
    sockets_.insert(socket);
    open_ = sockets_.size();
    return true;
}

void socket_hub::join(const std::shared_ptr<socket_session>& socket, const std::string& room) {
    std::lock_guard lock(mutex_);
    rooms_[room].push_back(socket);
}

void socket_hub::remove(const std::shared_ptr<socket_session>& socket, const std::string& room) {
    std::lock_guard lock(mutex_);
    if (const auto members = rooms_.find(room); members != rooms_.end()) {
        std::erase(members->second, socket);
        if (members->second.empty()) {
            rooms_.erase(members);
        }
    }
    sockets_.erase(socket);
    open_ = sockets_.size();
}

void socket_hub::publish(const std::vector<event_record>& batch) {
    // Gather each socket's share of the batch, so that it is posted to the socket once.
    std::unordered_map<std::shared_ptr<socket_session>, std::vector<outgoing_event>> deliveries;
    {
        std::lock_guard lock(mutex_);
        for (const auto& record : batch) {
            const auto members = rooms_.find(record.room);
            if (members == rooms_.end()) {
                continue;
            }
            const auto event = outgoing(record);
            for (const auto& socket : members->second) {
                deliveries[socket].push_back(event);
            }
        }
    }

    for (auto& [socket, events] : deliveries) {
        net::post(socket->get_executor(), [socket, events = std::move(events)]() mutable {
            socket->deliver(std::move(events));
        });
    }
}

void socket_hub::user_deleted(const std::string& user_id) {
    std::lock_guard lock(mutex_);
    for (const auto& socket : sockets_) {
        net::post(socket->get_executor(), [socket, user_id] { socket->revoke(user_id); });
    }
}

void socket_hub::close_all() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (const auto& socket : sockets_) {
        net::post(socket->get_executor(), [socket] { socket->shut_down(); });
    }
}

} // namespace lightbox
