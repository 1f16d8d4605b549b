#pragma once

#include "domain/ports/event_log_repository.hpp"

#include <soci/soci.h>

namespace lightbox::sql {

class sql_event_log_repository final : public event_log_repository {
public:
    explicit sql_event_log_repository(soci::session& session) : session_(session) {}

    std::int64_t append(const event_record& record) override;
    std::vector<event_record> read_after(std::int64_t after, std::size_t limit) override;
    std::vector<event_record> read_room_after(const std::string& room, std::int64_t after,
                                              std::size_t limit) override;
    std::int64_t latest_sequence() override;
    std::int64_t trimmed_through() override;
    void trim(timestamp before, std::int64_t keep) override;

private:
    /// Records after `after`, oldest first: of one room, or of every room when `room` is null.
    std::vector<event_record> select_after(const std::string* room, std::int64_t after,
                                           std::size_t limit);

    soci::session& session_;
};

} // namespace lightbox::sql
