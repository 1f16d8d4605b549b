#include "server/app/change_clock.hpp"

namespace lightbox {

namespace {

/// Past this many remembered changes the clock forgets them all, so that a server that
/// changes many links does not grow; loads in flight at that moment are then not kept.
constexpr std::size_t max_remembered = 10000;

} // namespace

void change_clock::changed(const std::vector<std::string>& ids) {
    ++time_;
    if (changed_at_.size() + ids.size() > max_remembered) {
        changed_at_.clear();
        forgotten_before_ = time_;
    }
    for (const auto& id : ids) {
        changed_at_[id] = time_;
    }
}

bool change_clock::unchanged_since(std::uint64_t since,
                                   std::initializer_list<const std::string*> ids) const {
    if (since < forgotten_before_) {
        return false;
    }
    for (const auto* id : ids) {
        if (!id) {
            continue;
        }
        const auto found = changed_at_.find(*id);
        if (found != changed_at_.end() && found->second > since) {
            return false;
        }
    }
    return true;
}

} // namespace lightbox
