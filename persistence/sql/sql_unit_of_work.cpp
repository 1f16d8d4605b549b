#include "persistence/sql/sql_unit_of_work.hpp"

#include <stdexcept>
#include <utility>

namespace lightbox::sql {

sql_unit_of_work::sql_unit_of_work(std::shared_ptr<session_pool> pool, session_pool::lease lease)
    : session_unit_of_work(lease.session()), pool_(std::move(pool)), lease_(std::move(lease)) {}

sql_unit_of_work::~sql_unit_of_work() {
    if (committed_) {
        return;
    }
    try {
        lease_.session() << "ROLLBACK";
    } catch (const soci::soci_error&) {
        // Whether a transaction is still open is unknown: never reuse this session.
        lease_.discard();
    }
}

void sql_unit_of_work::commit() {
    if (committed_) {
        throw std::logic_error("the unit of work is already committed");
    }
    lease_.session() << "COMMIT";
    committed_ = true;
    for (auto& action : take_after_commit()) {
        action();
    }
}

} // namespace lightbox::sql
