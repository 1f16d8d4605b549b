#include "persistence/sql/bound_values.hpp"

#include <algorithm>

namespace lightbox::sql {

std::string bound_values::next_placeholder() const {
    return ":v" + std::to_string(values_.size());
}

std::string bound_values::add(std::string value) {
    auto placeholder = next_placeholder();
    values_.emplace_back(std::move(value));
    return placeholder;
}

std::string bound_values::add(long long value) {
    auto placeholder = next_placeholder();
    values_.emplace_back(value);
    return placeholder;
}

std::string bound_values::add_list(std::span<const std::string> values) {
    std::string placeholders;
    for (const auto& value : values) {
        if (!placeholders.empty()) {
            placeholders += ", ";
        }
        placeholders += add(value);
    }
    return placeholders;
}

void bound_values::bind(soci::statement& statement) const {
    for (std::size_t i = 0; i < values_.size(); ++i) {
        const auto name = "v" + std::to_string(i);
        std::visit([&](const auto& value) { statement.exchange(soci::use(value, name)); },
                   values_[i]);
    }
}

std::vector<std::span<const std::string>> list_slices(const std::vector<std::string>& ids) {
    std::vector<std::span<const std::string>> slices;
    const std::span<const std::string> all(ids);
    for (std::size_t start = 0; start < all.size(); start += max_list_size) {
        slices.push_back(all.subspan(start, std::min(max_list_size, all.size() - start)));
    }
    return slices;
}

} // namespace lightbox::sql
