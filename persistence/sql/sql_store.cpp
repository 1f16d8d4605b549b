#include "persistence/sql/sql_store.hpp"

#include <utility>

namespace lightbox::sql {

sql_store::sql_store(std::shared_ptr<session_pool> pool, sql::dialect dialect)
    : pool_(std::move(pool)), dialect_(dialect) {}

std::unique_ptr<unit_of_work> sql_store::begin(access_mode mode) {
    return begin_transaction(mode);
}

std::unique_ptr<sql_unit_of_work> sql_store::begin_transaction(access_mode mode) {
    auto lease = pool_->acquire();

    const bool write = mode == access_mode::write;
    try {
        if (dialect_ == dialect::sqlite) {
            lease.session() << (write ? "BEGIN IMMEDIATE" : "BEGIN");
        } else {
            lease.session() << "BEGIN";
            // Writers queue on one transaction-scoped lock, as SQLite's BEGIN IMMEDIATE makes
            // them do, so a service's check-then-insert never races another writer.
            if (write) {
                lease.session() << "SELECT pg_advisory_xact_lock(2283)";
            }
        }
    } catch (const soci::soci_error&) {
        // A busy database or a lost connection: the next caller gets a fresh session.
        lease.discard();
        throw;
    }

    return std::make_unique<sql_unit_of_work>(pool_, std::move(lease));
}

} // namespace lightbox::sql
