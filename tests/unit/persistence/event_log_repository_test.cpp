#include "samples.hpp"

#include <boost/test/unit_test.hpp>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

event_record entry(const std::string& room, const std::string& name, const std::string& at_iso) {
    return {0, room, name, R"({"id":"x"})", at(at_iso)};
}

} // namespace

BOOST_AUTO_TEST_SUITE(event_log_repository)

BOOST_AUTO_TEST_CASE(sequences_follow_one_another_and_rooms_read_apart) {
    store_fixture fixture;
    fixture.write([](unit_of_work& work) {
        BOOST_TEST(work.events().append(entry("user:a", "on_album_update", "2026-01-01")) == 1);
        BOOST_TEST(work.events().append(entry("link:l", "on_shared_link_update", "2026-01-01")) ==
                   2);
        BOOST_TEST(work.events().append(entry("user:a", "on_asset_delete", "2026-01-01")) == 3);
    });

    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(work->events().latest_sequence() == 3);
    const auto all = work->events().read_after(1, 10);
    BOOST_REQUIRE(all.size() == 2u);
    BOOST_TEST(all[0].sequence == 2);
    BOOST_TEST(all[1].name == "on_asset_delete");
    const auto mine = work->events().read_room_after("user:a", 0, 10);
    BOOST_REQUIRE(mine.size() == 2u);
    BOOST_TEST(mine[0].sequence == 1);
    BOOST_TEST(mine[1].sequence == 3);
    BOOST_TEST(mine[1].payload == R"({"id":"x"})");
    BOOST_TEST(work->events().read_room_after("user:a", 0, 1).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_rolled_back_change_leaves_no_event_and_no_gap) {
    store_fixture fixture;
    {
        auto work = fixture.db->begin(access_mode::write);
        work->events().append(entry("user:a", "on_album_update", "2026-01-01"));
    }
    fixture.write([](unit_of_work& work) {
        BOOST_TEST(work.events().append(entry("user:a", "on_album_update", "2026-01-01")) == 1);
    });
    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(work->events().read_after(0, 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(trimming_by_age_and_by_size_moves_the_horizon) {
    store_fixture fixture;
    fixture.write([](unit_of_work& work) {
        work.events().append(entry("user:a", "old", "2026-01-01"));
        work.events().append(entry("user:a", "old", "2026-01-02"));
        for (int i = 0; i < 5; ++i) {
            work.events().append(entry("user:a", "new", "2026-06-01"));
        }
    });

    fixture.write([](unit_of_work& work) { work.events().trim(at("2026-03-01"), 100); });
    {
        auto work = fixture.db->begin(access_mode::read);
        BOOST_TEST(work->events().trimmed_through() == 2);
        BOOST_TEST(work->events().read_after(0, 10).front().sequence == 3);
    }

    fixture.write([](unit_of_work& work) { work.events().trim(at("2026-03-01"), 2); });
    auto work = fixture.db->begin(access_mode::read);
    BOOST_TEST(work->events().trimmed_through() == 5);
    BOOST_TEST(work->events().read_after(0, 10).size() == 2u);
    BOOST_TEST(work->events().latest_sequence() == 7);
}

BOOST_AUTO_TEST_CASE(trimming_never_lowers_the_next_sequence) {
    store_fixture fixture;
    fixture.write([](unit_of_work& work) {
        work.events().append(entry("user:a", "e", "2026-01-01"));
        work.events().append(entry("user:a", "e", "2026-01-01"));
        work.events().trim(at("2027-01-01"), 0);
    });
    fixture.write([](unit_of_work& work) {
        BOOST_TEST(work.events().append(entry("user:a", "e", "2026-01-01")) == 3);
    });
}

BOOST_AUTO_TEST_SUITE_END()
