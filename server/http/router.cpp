#include "server/http/router.hpp"

#include <algorithm>

namespace lightbox {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string::npos ? path.size() : slash;
        if (end > start) {
            segments.push_back(path.substr(start, end - start));
        }
        if (slash == std::string::npos) {
            break;
        }
        start = slash + 1;
    }
    return segments;
}

/// Literal segments count more than parameters, earlier ones most.
int specificity(const std::vector<std::string>& pattern) {
    int score = 0;
    for (const auto& segment : pattern) {
        score = score * 2 + (segment.front() == ':' ? 0 : 1);
    }
    return score;
}

} // namespace

void router::add(route r) { routes_.push_back(std::move(r)); }

std::optional<route_match> router::match(http::verb method, const std::string& path) const {
    const auto segments = split_path(path);
    std::optional<route_match> best;
    int best_score = -1;
    for (const auto& candidate : routes_) {
        if (candidate.method != method) {
            continue;
        }
        const auto pattern = split_path(candidate.pattern);
        if (pattern.size() != segments.size()) {
            continue;
        }
        route_match found{&candidate, {}};
        bool ok = true;
        for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
            if (pattern[i].front() == ':') {
                found.params[pattern[i].substr(1)] = segments[i];
            } else {
                ok = pattern[i] == segments[i];
            }
        }
        const int score = specificity(pattern);
        if (ok && score > best_score) {
            best = std::move(found);
            best_score = score;
        }
    }
    return best;
}

} // namespace lightbox
