#include "server/app/link_strands.hpp"

namespace lightbox {

std::shared_ptr<link_strands::strand> link_strands::of(const std::string& link_id) {
    std::lock_guard lock(mutex_);
    if (auto existing = strands_[link_id].lock()) {
        return existing;
    }
    if (strands_.size() > 1024) {
        std::erase_if(strands_, [](const auto& entry) { return entry.second.expired(); });
    }
    auto created = std::make_shared<strand>(boost::asio::make_strand(pool_.get_executor()));
    strands_[link_id] = created;
    return created;
}

} // namespace lightbox
