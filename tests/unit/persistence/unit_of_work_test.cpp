#include "persistence/open_store.hpp"
#include "samples.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

using namespace lightbox;
using namespace lightbox::testing;

BOOST_AUTO_TEST_SUITE(unit_of_work_transactions)

BOOST_AUTO_TEST_CASE(nothing_lands_without_commit) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    {
        auto work = fixture.db->begin(access_mode::write);
        work->users().insert(ada);
        BOOST_TEST(work->users().find_by_id(ada.id).has_value());
    }

    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(!work->users().find_by_id(ada.id));
}

BOOST_AUTO_TEST_CASE(a_failed_statement_leaves_the_session_usable) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    fixture.write([&](unit_of_work& work) { work.users().insert(ada); });
    {
        auto work = fixture.db->begin(access_mode::write);
        work->users().insert(sample_user("bob@example.com"));
        BOOST_CHECK_THROW(work->users().insert(ada), std::exception);
    }

    // Every pooled session still begins, and bob's half-done transaction is gone.
    for (int i = 0; i < 8; ++i) {
        auto work = fixture.db->begin(access_mode::write);
        BOOST_TEST(work->users().list_all().size() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(committing_twice_is_a_mistake) {
    store_fixture fixture;
    auto work = fixture.db->begin(access_mode::write);
    work->commit();
    BOOST_CHECK_THROW(work->commit(), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_reader_sees_the_last_commit_not_the_open_write) {
    store_fixture fixture;
    const auto ada = sample_user("ada@example.com");
    auto writer = fixture.db->begin(access_mode::write);
    writer->users().insert(ada);
    {
        auto reader = fixture.db->begin(access_mode::read);
        BOOST_TEST(!reader->users().find_by_id(ada.id));
    }
    writer->commit();

    auto reader = fixture.db->begin(access_mode::read);
    BOOST_TEST(reader->users().find_by_id(ada.id).has_value());
}

BOOST_AUTO_TEST_CASE(concurrent_writers_both_commit) {
    store_fixture fixture;
    const auto owner = sample_user("owner@example.com");
    fixture.write([&](unit_of_work& work) { work.users().insert(owner); });

    constexpr int per_thread = 25;
    std::atomic<int> errors{0};
    std::atomic<int> interleaved{0};
    auto writer = [&](const std::string& prefix) {
        for (int i = 0; i < per_thread; ++i) {
            try {
                auto work = fixture.db->begin(access_mode::write);
                const auto before = work->assets().list_by_owner(owner.id, {}).size();
                work->assets().insert(sample_asset(owner.id, prefix + std::to_string(i)));
                if (work->assets().list_by_owner(owner.id, {}).size() != before + 1) {
                    ++interleaved;
                }
                work->commit();
            } catch (const std::exception& e) {
                BOOST_TEST_MESSAGE("write failed: " << e.what());
                ++errors;
            }
        }
    };
    std::thread first(writer, "first");
    std::thread second(writer, "second");
    first.join();
    second.join();

    BOOST_TEST(errors.load() == 0);
    // On SQLite a write unit of work holds the write lock from its start, so no other
    // writer's commit shows between its reads. PostgreSQL reads each statement afresh.
    if (fixture.is_sqlite()) {
        BOOST_TEST(interleaved.load() == 0);
    }
    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(work->assets().list_by_owner(owner.id, {}).size() == 2u * per_thread);
}

BOOST_AUTO_TEST_CASE(units_of_work_wait_for_a_free_session) {
    const auto dir = make_temp_dir("lightbox-persistence");
    auto db = open_store({"sqlite:" + (dir / "lightbox.db").string(), 1});

    auto held = db->begin(access_mode::read);
    std::atomic<bool> began{false};
    std::thread other([&] {
        auto work = db->begin(access_mode::read);
        began = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_TEST(!began.load());
    held.reset();
    other.join();
    BOOST_TEST(began.load());

    db.reset();
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
