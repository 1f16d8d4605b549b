#include "persistence/sql/sql_store.hpp"

#include <utility>

namespace lightbox::sql {

sql_store::sql_store(std::shared_ptr<session_pool> pool, sql::dialect dialect,
                     std::unique_ptr<commit_group> writers)
    : pool_(std::move(pool)), dialect_(dialect), writers_(std::move(writers)) {}

std::unique_ptr<unit_of_work> sql_store::begin(access_mode mode) {
    if (mode == access_mode::write) {
        return writers_->begin();
    }
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
            // The same lock as the commit group's writers take.
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
