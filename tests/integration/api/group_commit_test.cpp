// Concurrent PATCHes on many links share commits (group commit), and none is lost: every
// acknowledged write is what its owner, its guests and a restarted server read back.
#include "persistence/sql/sql_store.hpp"
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <exception>
#include <latch>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;

namespace {

constexpr int writers = 32;
constexpr int links_per_writer = 2;
constexpr int patches_per_writer = 30;

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

struct written_link {
    std::string id;
    std::string key;
    std::string last_description;
};

/// What one writer saw; Boost.Test is not thread-safe, so threads record and the test checks.
struct writer_log {
    std::vector<std::string> failures;
};

void write_burst(const test_client& client, const account& owner, int writer,
                 std::vector<written_link>& mine, writer_log& log) {
    for (int n = 0; n < patches_per_writer; ++n) {
        auto& link = mine[static_cast<std::size_t>(n % links_per_writer)];
        const auto description = "writer " + std::to_string(writer) + " #" + std::to_string(n);
        const auto patched =
            client.patch("/api/shared-link/" + link.id, {{"description", description}},
                         owner.auth());
        if (patched.status != 200 || text(patched.json(), "description") != description) {
            log.failures.push_back("PATCH answered " + std::to_string(patched.status) + " " +
                                   patched.body);
            continue;
        }
        link.last_description = description;
        // Acknowledged, so its guests see it at once: the cached view was dropped in time.
        const auto guest = client.get("/api/shared-link/me?key=" + link.key);
        if (guest.status != 200 || text(guest.json(), "description") != description) {
            log.failures.push_back("guest read " + guest.body + " after writing " + description);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(group_commit)

BOOST_AUTO_TEST_CASE(no_acknowledged_patch_is_lost_when_commits_are_shared) {
    auto server = std::make_unique<test_server>();
    const auto admin = server->sign_up_admin();
    const auto owner = server->create_user(admin, "owner@immich.app", "Olga", "Owner");
    const auto photo = server->upload(owner, "test1.jpg");

    std::vector<std::vector<written_link>> links(writers);
    for (auto& mine : links) {
        for (int i = 0; i < links_per_writer; ++i) {
            const auto created = server->create_link(
                owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photo}}});
            mine.push_back({text(created, "id"), text(created, "key"), {}});
            // Fills the guest cache, so that each PATCH has an entry to drop.
            BOOST_REQUIRE(server->client().get("/api/shared-link/me?key=" + mine.back().key)
                              .status == 200);
        }
    }
    auto& store = dynamic_cast<lightbox::sql::sql_store&>(*server->app().db);
    const auto before = store.group_commits();

    std::vector<writer_log> logs(writers);
    std::latch start(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            start.arrive_and_wait();
            try {
                write_burst(server->client(), owner, w, links[static_cast<std::size_t>(w)],
                            logs[static_cast<std::size_t>(w)]);
            } catch (const std::exception& error) {
                logs[static_cast<std::size_t>(w)].failures.push_back(error.what());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (int w = 0; w < writers; ++w) {
        for (const auto& failure : logs[static_cast<std::size_t>(w)].failures) {
            BOOST_ERROR("writer " << w << ": " << failure);
        }
    }

    const auto after = store.group_commits();
    const auto units = after.units - before.units;
    const auto commits = after.commits - before.commits;
    BOOST_TEST_MESSAGE(units << " writes in " << commits << " commits");
    BOOST_TEST(units >= static_cast<std::uint64_t>(writers * patches_per_writer));
    // Writes overlapped, so some commits carried several.
    BOOST_TEST(commits < units);

    const auto check_all = [&](const test_server& reading, const std::string& when) {
        for (const auto& mine : links) {
            for (const auto& link : mine) {
                const auto read = reading.client().get("/api/shared-link/" + link.id,
                                                       owner.auth());
                BOOST_TEST_CONTEXT(when << ", link " << link.id) {
                    BOOST_REQUIRE(read.status == 200);
                    BOOST_TEST(text(read.json(), "description") == link.last_description);
                }
            }
        }
    };
    check_all(*server, "before the restart");

    // A new server on the same files reads the same: every acknowledged write was durable.
    const auto data_dir = server->data_dir();
    server->stop();
    test_server reopened([&](lightbox::settings& config) { config.data_dir = data_dir; });
    check_all(reopened, "after the restart");
}

BOOST_AUTO_TEST_SUITE_END()
