#include "persistence/open_store.hpp"

#include "persistence/sql/database_target.hpp"
#include "persistence/sql/migrations.hpp"
#include "persistence/sql/session_pool.hpp"
#include "persistence/sql/sql_store.hpp"

namespace lightbox {

std::shared_ptr<store> open_store(const database_settings& settings) {
    const auto target = sql::parse_database_url(settings.url);
    auto pool = std::make_shared<sql::session_pool>([target] { return sql::connect(target); },
                                                    settings.pool_size);
    auto writers = std::make_unique<sql::commit_group>(
        [target] { return sql::connect_writer(target); }, target.dialect,
        sql::flush_after_commit(target));
    auto opened = std::make_shared<sql::sql_store>(pool, target.dialect, std::move(writers));

    auto work = opened->begin_transaction(access_mode::write);
    sql::migrate(work->session(), target.dialect);
    work->commit();
    return opened;
}

} // namespace lightbox
