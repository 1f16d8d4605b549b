#pragma once

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace fanout {

/// Latency percentiles, in milliseconds.
struct distribution {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    double min = 0;
};

/// Nearest-rank percentiles of samples in nanoseconds, reported in milliseconds.
inline distribution summarize(std::vector<std::int64_t> samples) {
    distribution out;
    if (samples.empty()) {
        return out;
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double fraction) {
        const auto rank = static_cast<std::size_t>(fraction * (samples.size() - 1) + 0.5);
        return static_cast<double>(samples[rank]) / 1e6;
    };
    out.p50 = at(0.50);
    out.p99 = at(0.99);
    out.max = static_cast<double>(samples.back()) / 1e6;
    out.min = static_cast<double>(samples.front()) / 1e6;
    return out;
}

inline std::string json_of(const distribution& d) {
    std::ostringstream out;
    out << R"({"p50":)" << d.p50 << R"(,"p99":)" << d.p99 << R"(,"max":)" << d.max << R"(,"min":)"
        << d.min << "}";
    return out.str();
}

} // namespace fanout
