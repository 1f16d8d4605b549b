#include "domain/events/event_record.hpp"

namespace lightbox {

std::string user_room(const std::string& user_id) { return "user:" + user_id; }

std::string link_room(const std::string& link_id) { return "link:" + link_id; }

} // namespace lightbox
