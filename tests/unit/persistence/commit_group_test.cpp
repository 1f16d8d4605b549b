#include "domain/ports/pending_commit.hpp"
#include "persistence/sql/commit_group.hpp"
#include "persistence/sql/database_target.hpp"
#include "samples.hpp"

#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

/// Holds the committer inside its flush until opened, so that the units committed meanwhile
/// all wait for the next commit: grouping made deterministic.
class gate {
public:
    void pass() {
        std::unique_lock lock(mutex_);
        ++arrived_;
        arrived_cv_.notify_all();
        open_cv_.wait(lock, [this] { return open_; });
    }
    void wait_for_arrival() {
        std::unique_lock lock(mutex_);
        arrived_cv_.wait(lock, [this] { return arrived_ > 0; });
    }
    void open() {
        {
            const std::lock_guard lock(mutex_);
            open_ = true;
        }
        open_cv_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable open_cv_;
    std::condition_variable arrived_cv_;
    bool open_ = false;
    int arrived_ = 0;
};

/// A commit group of its own on the fixture's migrated database.
struct group_fixture {
    explicit group_fixture(std::function<void()> flush = {}) {
        const auto target = sql::parse_database_url(base.url);
        group = std::make_unique<sql::commit_group>(
            [target] { return sql::connect_writer(target); }, target.dialect, std::move(flush));
    }

    /// Commits a unit that adds `email`, deferred: returns its pending commit.
    std::shared_ptr<pending_commit> add_user(const std::string& email,
                                             std::function<void()> action = {}) {
        deferred_durability deferred;
        auto work = group->begin();
        work->users().insert(sample_user(email));
        if (action) {
            work->after_commit(std::move(action));
        }
        work->commit();
        auto made = deferred.take();
        BOOST_REQUIRE(made.size() == 1u);
        return made.front();
    }

    bool has_user(const std::string& email) {
        return base.db->begin(access_mode::read)->users().find_by_email(email).has_value();
    }

    store_fixture base;
    std::unique_ptr<sql::commit_group> group;
};

std::exception_ptr wait_for(pending_commit& commit) {
    std::promise<std::exception_ptr> outcome;
    auto settled = outcome.get_future();
    commit.when_settled([&outcome](std::exception_ptr failure) { outcome.set_value(failure); });
    return settled.get();
}

bool is_settled(pending_commit& commit) {
    bool settled = false;
    commit.when_settled([&settled](std::exception_ptr) { settled = true; });
    return settled;
}

} // namespace

BOOST_AUTO_TEST_SUITE(group_commit)

BOOST_AUTO_TEST_CASE(units_committed_while_a_commit_is_flushing_share_the_next_one) {
    gate flushing;
    bool first_flush = true;
    group_fixture fixture([&] {
        if (std::exchange(first_flush, false)) {
            flushing.pass();
        }
    });

    const auto first = fixture.add_user("first@example.com");
    flushing.wait_for_arrival();
    std::vector<std::shared_ptr<pending_commit>> rest;
    for (int i = 0; i < 40; ++i) {
        rest.push_back(fixture.add_user("user" + std::to_string(i) + "@example.com"));
    }
    BOOST_TEST(!is_settled(*first));
    BOOST_TEST(!is_settled(*rest.back()));
    flushing.open();

    BOOST_TEST(!wait_for(*first));
    for (const auto& each : rest) {
        BOOST_TEST(!wait_for(*each));
    }
    const auto totals = fixture.group->counted();
    BOOST_TEST(totals.units == 41u);
    BOOST_TEST(totals.commits == 2u);
    BOOST_TEST(fixture.has_user("first@example.com"));
    for (int i = 0; i < 40; ++i) {
        BOOST_TEST(fixture.has_user("user" + std::to_string(i) + "@example.com"));
    }
}

BOOST_AUTO_TEST_CASE(a_commit_settles_after_its_flush_and_its_actions) {
    gate flushing;
    std::mutex order_mutex;
    std::vector<std::string> order;
    const auto note = [&](const std::string& what) {
        const std::lock_guard lock(order_mutex);
        order.push_back(what);
    };
    group_fixture fixture([&] {
        flushing.pass();
        note("flushed");
    });

    const auto pending = fixture.add_user("ada@example.com", [&] { note("action"); });
    flushing.wait_for_arrival();
    // Committed and visible, but not yet durable: nobody has been told it succeeded.
    BOOST_TEST(!is_settled(*pending));
    {
        const std::lock_guard lock(order_mutex);
        BOOST_TEST(order.empty());
    }
    pending->when_settled([&](std::exception_ptr) { note("settled"); });
    flushing.open();
    BOOST_TEST(!wait_for(*pending));

    const std::lock_guard lock(order_mutex);
    BOOST_TEST(order == (std::vector<std::string>{"flushed", "action", "settled"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_unit_that_fails_undoes_only_itself) {
    gate flushing;
    bool first_flush = true;
    group_fixture fixture([&] {
        if (std::exchange(first_flush, false)) {
            flushing.pass();
        }
    });
    const auto warm_up = fixture.add_user("warm@example.com");
    flushing.wait_for_arrival();

    bool abandoned_action_ran = false;
    const auto ada = fixture.add_user("ada@example.com");
    {
        auto work = fixture.group->begin();
        work->users().insert(sample_user("bob@example.com"));
        work->after_commit([&] { abandoned_action_ran = true; });
        BOOST_CHECK_THROW(work->users().insert(sample_user("ada@example.com")), std::exception);
    }
    const auto cy = fixture.add_user("cy@example.com");
    flushing.open();

    BOOST_TEST(!wait_for(*warm_up));
    BOOST_TEST(!wait_for(*ada));
    BOOST_TEST(!wait_for(*cy));
    BOOST_TEST(fixture.has_user("ada@example.com"));
    BOOST_TEST(fixture.has_user("cy@example.com"));
    BOOST_TEST(!fixture.has_user("bob@example.com"));
    BOOST_TEST(!abandoned_action_ran);
    BOOST_TEST(fixture.group->counted().units == 3u);
}

BOOST_AUTO_TEST_CASE(a_failed_flush_fails_its_commit_and_not_the_next) {
    int flushes = 0;
    group_fixture fixture([&] {
        if (++flushes == 1) {
            throw std::runtime_error("disk gone");
        }
    });
    bool action_ran = false;
    const auto failed = fixture.add_user("ada@example.com", [&] { action_ran = true; });
    const auto failure = wait_for(*failed);
    BOOST_REQUIRE(failure);
    BOOST_CHECK_THROW(std::rethrow_exception(failure), std::runtime_error);
    // Readers already see it, so what hangs off the commit happened all the same.
    BOOST_TEST(action_ran);

    const auto next = fixture.add_user("bob@example.com");
    BOOST_TEST(!wait_for(*next));
    BOOST_TEST(fixture.has_user("bob@example.com"));
}

BOOST_AUTO_TEST_CASE(without_a_deferral_commit_returns_once_durable) {
    std::atomic<int> flushes{0};
    group_fixture fixture([&] { ++flushes; });
    auto work = fixture.group->begin();
    work->users().insert(sample_user("ada@example.com"));
    work->commit();
    BOOST_TEST(flushes.load() == 1);
    BOOST_TEST(fixture.has_user("ada@example.com"));
}

BOOST_AUTO_TEST_CASE(settle_all_waits_for_the_last_commit) {
    gate flushing;
    group_fixture fixture([&] { flushing.pass(); });
    const auto pending = fixture.add_user("ada@example.com");
    flushing.wait_for_arrival();

    auto settling = std::async(std::launch::async, [&] { fixture.group->settle_all(); });
    BOOST_TEST((settling.wait_for(std::chrono::milliseconds(100)) ==
                std::future_status::timeout));
    flushing.open();
    settling.get();
    BOOST_TEST(is_settled(*pending));
}

BOOST_AUTO_TEST_SUITE_END()
