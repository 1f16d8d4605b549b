#include "server/http/request_context.hpp"

namespace lightbox {

std::optional<std::string> request_context::query_value(const std::string& name) const {
    const auto found = query.find(name);
    if (found == query.end()) {
        return std::nullopt;
    }
    return found->second;
}

} // namespace lightbox
