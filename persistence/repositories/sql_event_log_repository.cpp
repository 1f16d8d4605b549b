#include "persistence/repositories/sql_event_log_repository.hpp"

#include "persistence/sql/conversions.hpp"

#include <algorithm>

namespace lightbox::sql {

std::int64_t sql_event_log_repository::append(const event_record& record) {
    long long sequence = 0;
    session_ << "UPDATE event_log_state SET latest_sequence = latest_sequence + 1 WHERE id = 1 "
                "RETURNING latest_sequence",
        soci::into(sequence);
    session_ << "INSERT INTO event_log (sequence, room, name, payload, created_at) "
                "VALUES (:sequence, :room, :name, :payload, :created_at)",
        soci::use(sequence, "sequence"), soci::use(record.room, "room"),
        soci::use(record.name, "name"), soci::use(record.payload, "payload"),
        soci::use(record.created_at, "created_at");
    return sequence;
}

std::vector<event_record> sql_event_log_repository::select_after(const std::string* room,
                                                                 std::int64_t after,
                                                                 std::size_t limit) {
    event_record row;
    long long sequence = 0;
    const long long from = after;
    const long long count = static_cast<long long>(limit);
    const std::string sql = std::string("SELECT sequence, room, name, payload, created_at "
                                        "FROM event_log WHERE ") +
                            (room ? "room = :room AND " : "") +
                            "sequence > :after ORDER BY sequence LIMIT :count";
    soci::statement statement(session_);
    statement.exchange(soci::into(sequence));
    statement.exchange(soci::into(row.room));
    statement.exchange(soci::into(row.name));
    statement.exchange(soci::into(row.payload));
    statement.exchange(soci::into(row.created_at));
    if (room) {
        statement.exchange(soci::use(*room, "room"));
    }
    statement.exchange(soci::use(from, "after"));
    statement.exchange(soci::use(count, "count"));
    statement.alloc();
    statement.prepare(sql);
    statement.define_and_bind();

    std::vector<event_record> rows;
    statement.execute();
    while (statement.fetch()) {
        row.sequence = sequence;
        rows.push_back(row);
    }
    return rows;
}

std::vector<event_record> sql_event_log_repository::read_after(std::int64_t after,
                                                               std::size_t limit) {
    return select_after(nullptr, after, limit);
}

std::vector<event_record> sql_event_log_repository::read_room_after(const std::string& room,
                                                                    std::int64_t after,
                                                                    std::size_t limit) {
    return select_after(&room, after, limit);
}

std::int64_t sql_event_log_repository::latest_sequence() {
    long long latest = 0;
    session_ << "SELECT latest_sequence FROM event_log_state WHERE id = 1", soci::into(latest);
    return latest;
}

std::int64_t sql_event_log_repository::trimmed_through() {
    long long trimmed = 0;
    session_ << "SELECT trimmed_through FROM event_log_state WHERE id = 1", soci::into(trimmed);
    return trimmed;
}

void sql_event_log_repository::trim(timestamp before, std::int64_t keep) {
    const long long newest_dropped_by_size = std::max<std::int64_t>(0, latest_sequence() - keep);
    long long cutoff = newest_dropped_by_size;
    long long newest_old = 0;
    soci::indicator found = soci::i_null;
    session_ << "SELECT MAX(sequence) FROM event_log WHERE created_at < :before",
        soci::into(newest_old, found), soci::use(before, "before");
    if (found == soci::i_ok) {
        cutoff = std::max(cutoff, newest_old);
    }
    if (cutoff <= trimmed_through()) {
        return;
    }
    session_ << "DELETE FROM event_log WHERE sequence <= :cutoff", soci::use(cutoff, "cutoff");
    session_ << "UPDATE event_log_state SET trimmed_through = :cutoff WHERE id = 1",
        soci::use(cutoff, "cutoff");
}

} // namespace lightbox::sql
