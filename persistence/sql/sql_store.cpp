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

    const bool lock_now = dialect_ == dialect::sqlite && mode == access_mode::write;
    try {
        lease.session() << (lock_now ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (const soci::soci_error&) {
        // A busy database or a lost connection: the next caller gets a fresh session.
        lease.discard();
        throw;
    }

    return std::make_unique<sql_unit_of_work>(pool_, std::move(lease));
}

} // namespace lightbox::sql
