#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace lightbox::sql {

/// The values of a statement whose SQL is put together at run time: an `IN (...)` list or
/// optional filters. Each value gets a generated placeholder and is bound by name, and it
/// stays here at a stable address because SOCI keeps only a reference until it runs.
class bound_values {
public:
    /// Adds a value and returns its placeholder, such as `:v3`.
    std::string add(std::string value);
    std::string add(long long value);
    /// Adds every one of `values`; returns their placeholders separated by commas.
    std::string add_list(std::span<const std::string> values);

    void bind(soci::statement& statement) const;

private:
    std::string next_placeholder() const;

    std::deque<std::variant<std::string, long long>> values_;
};

/// How many values an `IN (...)` list takes at most. SQLite and PostgreSQL cap the bound
/// values of one statement (32766 and 65535); longer id lists are split into this many.
inline constexpr std::size_t max_list_size = 500;

/// `ids` in slices of at most `max_list_size`, so that one query reads one slice.
std::vector<std::span<const std::string>> list_slices(const std::vector<std::string>& ids);

} // namespace lightbox::sql
