#pragma once

#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lightbox {

/// One strand of the worker pool per shared link: mutations of a link queue on its strand,
/// so they never interleave, while different links proceed in parallel. A strand lives while
/// someone holds it and is forgotten afterwards.
class link_strands {
public:
    using strand = boost::asio::strand<boost::asio::thread_pool::executor_type>;

    explicit link_strands(boost::asio::thread_pool& pool) : pool_(pool) {}

    std::shared_ptr<strand> of(const std::string& link_id);

private:
    boost::asio::thread_pool& pool_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::weak_ptr<strand>> strands_;
};

} // namespace lightbox
