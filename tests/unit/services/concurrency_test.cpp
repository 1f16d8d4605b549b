#include "service_fixture.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <exception>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox;
using namespace lightbox::testing;

namespace {

constexpr int thread_count = 8;
constexpr int rounds = 3;

/// What one thread made: its links and, for each, the assets it put in.
struct thread_outcome {
    std::vector<std::string> link_ids;
    std::vector<std::vector<std::string>> link_assets;
    std::vector<std::string> added_to_common;
};

std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

BOOST_AUTO_TEST_SUITE(service_concurrency)

BOOST_FIXTURE_TEST_CASE(eight_threads_writing_at_once_lose_nothing, service_fixture) {
    const auto seed = upload(alice, "test2.jpg");
    new_shared_link common_request;
    common_request.asset_ids = {seed};
    const auto common = links.create(alice, common_request).link.id;

    std::vector<thread_outcome> outcomes(thread_count);
    std::vector<std::string> failures;
    std::mutex failures_mutex;
    std::latch start(thread_count);

    auto work = [&](int index) {
        auto& mine = outcomes[index];
        start.arrive_and_wait();
        try {
            for (int round = 0; round < rounds; ++round) {
                // Salted copies: every upload has bytes of its own.
                const auto tag = std::to_string(index) + "-" + std::to_string(round);
                const auto a = upload(alice, "test2.jpg", "a" + tag);
                const auto b = upload(alice, "test2.jpg", "b" + tag);

                new_shared_link request;
                request.asset_ids = {a};
                request.description = "link " + tag;
                const auto link_id = links.create(alice, request).link.id;

                const auto added = links.add_assets(alice, link_id, {b, a});
                if (outcomes_of(added) != std::vector<std::string>{"success", "duplicate"}) {
                    throw std::runtime_error("unexpected add_assets answer in " + tag);
                }
                const auto to_common = links.add_assets(alice, common, {a});
                if (outcomes_of(to_common) != std::vector<std::string>{"success"}) {
                    throw std::runtime_error("unexpected answer for the common link in " + tag);
                }

                shared_link_patch patch;
                patch.allow_upload = true;
                links.update(alice, link_id, patch);

                mine.link_ids.push_back(link_id);
                mine.link_assets.push_back({a, b});
                mine.added_to_common.push_back(a);
            }
        } catch (const std::exception& error) {
            const std::lock_guard lock(failures_mutex);
            failures.push_back("thread " + std::to_string(index) + ": " + error.what());
        }
    };

    std::vector<std::thread> threads;
    for (int index = 0; index < thread_count; ++index) {
        threads.emplace_back(work, index);
    }
    for (auto& each : threads) {
        each.join();
    }

    BOOST_TEST(failures.empty());
    for (const auto& failure : failures) {
        BOOST_TEST_MESSAGE(failure);
    }

    std::vector<std::string> expected_common{seed};
    for (const auto& mine : outcomes) {
        for (std::size_t i = 0; i < mine.link_ids.size(); ++i) {
            const auto view = links.get(alice, mine.link_ids[i]);
            BOOST_TEST(sorted(ids_of(view.assets)) == sorted(mine.link_assets[i]));
            BOOST_TEST(view.link.allow_upload);
        }
        expected_common.insert(expected_common.end(), mine.added_to_common.begin(),
                               mine.added_to_common.end());
    }
    BOOST_TEST(expected_common.size() == std::size_t{thread_count * rounds + 1});
    BOOST_TEST(sorted(ids_of(links.get(alice, common).assets)) == sorted(expected_common));
    BOOST_TEST(links.list(alice).size() == std::size_t{thread_count * rounds + 1});
    BOOST_TEST(assets.list(alice, {}).size() == std::size_t{2 * thread_count * rounds + 1});
}

BOOST_AUTO_TEST_SUITE_END()
