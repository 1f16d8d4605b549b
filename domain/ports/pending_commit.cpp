#include "domain/ports/pending_commit.hpp"

namespace lightbox {

namespace {

thread_local deferred_durability* innermost = nullptr;

} // namespace

deferred_durability::deferred_durability() : outer_(innermost) { innermost = this; }

deferred_durability::~deferred_durability() { innermost = outer_; }

deferred_durability* deferred_durability::on_this_thread() { return innermost; }

} // namespace lightbox
