#include "persistence/sql/dynamic_query.hpp"

namespace lightbox::sql {

void for_each_row(soci::session& session, const std::string& query, const bound_values& values,
                  const std::function<void(soci::statement&)>& bind_row,
                  const std::function<void()>& on_row) {
    soci::statement statement(session);
    bind_row(statement);
    values.bind(statement);
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();

    statement.execute(false);
    while (statement.fetch()) {
        on_row();
    }
}

void run(soci::session& session, const std::string& query, const bound_values& values) {
    soci::statement statement(session);
    values.bind(statement);
    statement.alloc();
    statement.prepare(query);
    statement.define_and_bind();
    statement.execute(true);
}

} // namespace lightbox::sql
