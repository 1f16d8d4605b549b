// Contract L6: mutations of one link are serialised. Many clients changing one link at once
// all succeed, every asset added lands, and each field ends with a value someone wrote.
#include "support/fixtures.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <exception>
#include <functional>
#include <latch>
#include <numeric>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace lightbox::testing;
namespace json = boost::json;
namespace utf = boost::unit_test;

namespace {

constexpr int clients = 20;

std::string text(const json::value& value, std::string_view key) {
    return std::string(value.at(key).as_string());
}

std::set<std::string> id_set(const json::array& items) {
    std::set<std::string> ids;
    for (const auto& item : items) {
        ids.insert(text(item, "id"));
    }
    return ids;
}

/// What one client thread got back. Boost.Test is not thread-safe, so threads only record
/// and the test checks afterwards.
struct exchange {
    http_result patched;
    http_result added;
    std::string failure;
};

/// Runs `work(i)` on `count` threads that all start at once.
void run_together(int count, const std::function<void(int)>& work,
                  std::vector<std::string>& failures) {
    failures.assign(static_cast<std::size_t>(count), {});
    std::latch start(count);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                work(i);
            } catch (const std::exception& error) {
                failures[static_cast<std::size_t>(i)] = error.what();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

struct concurrency_world {
    concurrency_world() { current = this; }
    ~concurrency_world() { current = nullptr; }

    test_server server;
    account admin = server.sign_up_admin();
    account owner = server.create_user(admin, "owner@immich.app", "Olga", "Owner");
    int uploads = 0;

    static inline concurrency_world* current = nullptr;
};

struct concurrency_case {
    concurrency_case() { BOOST_REQUIRE(concurrency_world::current != nullptr); }

    concurrency_world& world = *concurrency_world::current;
    test_server& server = world.server;
    const account& owner = world.owner;
    const test_client& client() const { return server.client(); }

    /// `count` distinct assets: fixture photos with a few bytes appended.
    std::vector<std::string> upload_many(int count) {
        static const std::vector<std::string> photos = {"test1.jpg", "test2.jpg",
                                                        "test3.jpg", "DSCN0614_small.jpg",
                                                        "right.jpg", "lens_info.jpg"};
        std::vector<std::string> ids;
        for (int i = 0; i < count; ++i) {
            const auto& name = photos[static_cast<std::size_t>(i) % photos.size()];
            const auto tag = "concurrency-" + std::to_string(++world.uploads);
            const auto result =
                server.upload_bytes(owner.auth(), name, read_file(fixture(name)) + tag, tag);
            BOOST_REQUIRE_MESSAGE(result.status == 201,
                                  "upload answered " << result.status << " " << result.body);
            ids.push_back(text(result.json(), "id"));
        }
        BOOST_REQUIRE(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
        return ids;
    }

    json::object get_link(const std::string& id) {
        const auto result = client().get("/api/shared-link/" + id, owner.auth());
        BOOST_REQUIRE_MESSAGE(result.status == 200,
                              "get link answered " << result.status << " " << result.body);
        return result.json().as_object();
    }
};

/// The fields each of the 20 clients writes to the one link.
json::object patch_of(int i) {
    const auto expiry = [](int day) {
        return "2099-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
               "T12:00:00.000Z";
    };
    if (i < 10) {
        return {{"description", "writer " + std::to_string(i)}};
    }
    switch (i) {
    case 10:
        return {{"expiresAt", expiry(10)}};
    case 11:
        return {{"allowUpload", true}};
    case 12:
        return {{"allowDownload", false}};
    case 13:
        return {{"showExif", false}};
    default:
        // 14..19 write a description and an expiry together.
        return {{"description", "writer " + std::to_string(i)}, {"expiresAt", expiry(i)}};
    }
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(shared_link_concurrency, concurrency_case,
                         *utf::fixture<concurrency_world>())

BOOST_AUTO_TEST_CASE(twenty_clients_change_one_link_at_once) {
    const auto first = upload_many(1).front();
    const auto added = upload_many(clients);
    const auto link = server.create_link(
        owner,
        {{"type", "INDIVIDUAL"}, {"assetIds", json::array{first}}, {"description", "start"}});
    const auto id = text(link, "id");

    std::vector<exchange> results(clients);
    std::vector<std::string> failures;
    run_together(
        clients,
        [&](int i) {
            auto& mine = results[static_cast<std::size_t>(i)];
            const auto patch = [&] {
                mine.patched = client().patch("/api/shared-link/" + id, patch_of(i), owner.auth());
            };
            const auto add = [&] {
                mine.added = client().put(
                    "/api/shared-link/" + id + "/assets",
                    {{"assetIds", json::array{added[static_cast<std::size_t>(i)]}}}, owner.auth());
            };
            // Half patch first, half add first, so both kinds overlap.
            if (i % 2 == 0) {
                patch();
                add();
            } else {
                add();
                patch();
            }
        },
        failures);

    for (int i = 0; i < clients; ++i) {
        BOOST_TEST_CONTEXT("client " << i) {
            const auto& mine = results[static_cast<std::size_t>(i)];
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            BOOST_TEST(mine.patched.status == 200, mine.patched.body);
            BOOST_TEST(mine.added.status == 200, mine.added.body);
            if (mine.added.status == 200) {
                const json::array expected{
                    {{"assetId", added[static_cast<std::size_t>(i)]}, {"success", true}}};
                BOOST_TEST(mine.added.json() == json::value(expected), mine.added.body);
            }
            // Each answer shows its own write.
            if (mine.patched.status == 200) {
                const auto answer = mine.patched.json();
                for (const auto& [field, value] : patch_of(i)) {
                    BOOST_TEST(answer.at(field) == value, field);
                }
            }
        }
    }

    // Every asset landed, once.
    const auto final_link = get_link(id);
    std::set<std::string> expected_assets(added.begin(), added.end());
    expected_assets.insert(first);
    BOOST_TEST(final_link.at("assets").as_array().size() == expected_assets.size());
    BOOST_TEST(id_set(final_link.at("assets").as_array()) == expected_assets);

    // Fields written by one client hold its value.
    BOOST_TEST(final_link.at("allowUpload").as_bool() == true);
    BOOST_TEST(final_link.at("allowDownload").as_bool() == false);
    BOOST_TEST(final_link.at("showExif").as_bool() == false);

    // Fields written by many hold one of the values written.
    const auto description = text(final_link, "description");
    std::set<std::string> descriptions;
    std::set<std::string> expiries;
    for (int i = 0; i < clients; ++i) {
        const auto patch = patch_of(i);
        if (patch.contains("description")) {
            descriptions.insert(text(patch, "description"));
        }
        if (patch.contains("expiresAt")) {
            expiries.insert(text(patch, "expiresAt"));
        }
    }
    BOOST_TEST(descriptions.count(description) == 1u, description);
    BOOST_REQUIRE(final_link.at("expiresAt").is_string());
    const auto expires_at = text(final_link, "expiresAt");
    BOOST_TEST(expiries.count(expires_at) == 1u, expires_at);

    // Pairs written together stay consistent: if the last description came from a client that
    // also set the expiry, only the expiry-only client can have written after it.
    for (int i = 14; i < clients; ++i) {
        const auto patch = patch_of(i);
        if (description == text(patch, "description")) {
            BOOST_TEST((expires_at == text(patch, "expiresAt") ||
                        expires_at == text(patch_of(10), "expiresAt")),
                       description << " with " << expires_at);
        }
    }

    // The last PATCH to commit answered exactly the final fields.
    const auto final_fields = [](const json::value& link) {
        return json::object{{"description", link.at("description")},
                            {"expiresAt", link.at("expiresAt")},
                            {"allowUpload", link.at("allowUpload")},
                            {"allowDownload", link.at("allowDownload")},
                            {"showExif", link.at("showExif")}};
    };
    const auto wanted = final_fields(final_link);
    const bool some_answer_is_final =
        std::any_of(results.begin(), results.end(), [&](const exchange& each) {
            return each.patched.status == 200 && final_fields(each.patched.json()) == wanted;
        });
    BOOST_TEST(some_answer_is_final, json::value(wanted));
}

BOOST_AUTO_TEST_CASE(twenty_links_change_at_once) {
    const auto photos = upload_many(2);
    std::vector<std::string> ids;
    for (int i = 0; i < clients; ++i) {
        ids.push_back(text(server.create_link(owner, {{"type", "INDIVIDUAL"},
                                                      {"assetIds", json::array{photos[0]}}}),
                           "id"));
    }
    const auto patch_for = [](int i) {
        return json::object{{"description", "link " + std::to_string(i)},
                            {"allowUpload", i % 2 == 0},
                            {"showExif", i % 3 != 0},
                            {"expiresAt", "2099-04-" + std::string(i < 9 ? "0" : "") +
                                              std::to_string(i + 1) + "T00:00:00.000Z"}};
    };

    std::vector<exchange> results(clients);
    std::vector<std::string> failures;
    run_together(
        clients,
        [&](int i) {
            auto& mine = results[static_cast<std::size_t>(i)];
            const auto& id = ids[static_cast<std::size_t>(i)];
            mine.patched = client().patch("/api/shared-link/" + id, patch_for(i), owner.auth());
            mine.added = client().put("/api/shared-link/" + id + "/assets",
                                      {{"assetIds", json::array{photos[1]}}}, owner.auth());
        },
        failures);

    for (int i = 0; i < clients; ++i) {
        BOOST_TEST_CONTEXT("link " << i) {
            const auto& mine = results[static_cast<std::size_t>(i)];
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            BOOST_TEST(mine.patched.status == 200, mine.patched.body);
            BOOST_TEST(mine.added.status == 200, mine.added.body);
            const auto stored = get_link(ids[static_cast<std::size_t>(i)]);
            for (const auto& [field, value] : patch_for(i)) {
                BOOST_TEST(stored.at(field) == value, field);
            }
            BOOST_TEST(id_set(stored.at("assets").as_array()) ==
                       (std::set<std::string>{photos[0], photos[1]}));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_same_asset_added_by_many_lands_once) {
    const auto photos = upload_many(2);
    const auto id = text(
        server.create_link(owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photos[0]}}}),
        "id");

    constexpr int racers = 10;
    std::vector<exchange> results(racers);
    std::vector<std::string> failures;
    run_together(
        racers,
        [&](int i) {
            results[static_cast<std::size_t>(i)].added =
                client().put("/api/shared-link/" + id + "/assets",
                             {{"assetIds", json::array{photos[1], photos[1]}}}, owner.auth());
        },
        failures);

    int successes = 0;
    for (int i = 0; i < racers; ++i) {
        BOOST_TEST_CONTEXT("client " << i) {
            const auto& mine = results[static_cast<std::size_t>(i)];
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            BOOST_REQUIRE_MESSAGE(mine.added.status == 200, mine.added.body);
            const auto answer = mine.added.json().as_array();
            BOOST_REQUIRE(answer.size() == 2u);
            // The repeat within a request is always a duplicate.
            BOOST_TEST(answer[1].at("error").as_string() == "duplicate");
            if (answer[0].at("success").as_bool()) {
                ++successes;
            } else {
                BOOST_TEST(answer[0].at("error").as_string() == "duplicate");
            }
        }
    }
    BOOST_TEST(successes == 1);
    BOOST_TEST(id_set(get_link(id).at("assets").as_array()) ==
               (std::set<std::string>{photos[0], photos[1]}));
}

BOOST_AUTO_TEST_CASE(changes_racing_a_delete_fail_cleanly) {
    const auto photos = upload_many(3);
    const auto id = text(
        server.create_link(owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photos[0]}}}),
        "id");

    // One client deletes the link while the others change it and add to it.
    std::vector<exchange> results(clients);
    std::vector<std::string> failures;
    run_together(
        clients,
        [&](int i) {
            auto& mine = results[static_cast<std::size_t>(i)];
            if (i == clients / 2) {
                mine.patched = client().del("/api/shared-link/" + id, owner.auth());
                return;
            }
            mine.patched =
                client().patch("/api/shared-link/" + id,
                               {{"description", "racer " + std::to_string(i)}}, owner.auth());
            mine.added = client().put(
                "/api/shared-link/" + id + "/assets",
                {{"assetIds", json::array{photos[1 + static_cast<std::size_t>(i) % 2]}}},
                owner.auth());
        },
        failures);

    for (int i = 0; i < clients; ++i) {
        BOOST_TEST_CONTEXT("client " << i) {
            const auto& mine = results[static_cast<std::size_t>(i)];
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            if (i == clients / 2) {
                BOOST_TEST(mine.patched.status == 200, mine.patched.body);
                BOOST_TEST(mine.patched.body.empty());
                continue;
            }
            for (const auto* answer : {&mine.patched, &mine.added}) {
                BOOST_TEST((answer->status == 200 || answer->status == 400), answer->body);
                if (answer->status == 400) {
                    BOOST_TEST(answer->json().at("message").as_string() == "Shared link not found");
                }
            }
        }
    }
    const auto gone = client().get("/api/shared-link/" + id, owner.auth());
    BOOST_TEST(gone.status == 400, gone.body);
}

BOOST_AUTO_TEST_CASE(additions_racing_asset_deletion_fail_cleanly) {
    const auto photos = upload_many(clients / 2 + 1);
    const auto id = text(
        server.create_link(owner, {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photos[0]}}}),
        "id");

    // Half the clients add an asset while the other half delete the same asset.
    std::vector<exchange> results(clients);
    std::vector<std::string> failures;
    run_together(
        clients,
        [&](int i) {
            auto& mine = results[static_cast<std::size_t>(i)];
            const auto& target = photos[1 + static_cast<std::size_t>(i / 2)];
            if (i % 2 == 0) {
                mine.added = client().put("/api/shared-link/" + id + "/assets",
                                          {{"assetIds", json::array{target}}}, owner.auth());
            } else {
                mine.patched =
                    client().del("/api/asset", owner.auth(),
                                 json::serialize(json::object{{"ids", json::array{target}}}));
            }
        },
        failures);

    for (int i = 0; i < clients; ++i) {
        BOOST_TEST_CONTEXT("client " << i) {
            const auto& mine = results[static_cast<std::size_t>(i)];
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            const auto& answer = i % 2 == 0 ? mine.added : mine.patched;
            BOOST_TEST(answer.status == 200, answer.body);
            if (i % 2 == 0 && answer.status == 200) {
                // Added before the deletion, or refused after it.
                const auto answered = answer.json();
                const auto& entry = answered.as_array().at(0);
                BOOST_TEST((entry.at("success").as_bool() ||
                            entry.at("error").as_string() == "no_permission"),
                           answer.body);
            }
        }
    }
    // Every deleted asset is gone from the link.
    BOOST_TEST(id_set(get_link(id).at("assets").as_array()) == std::set<std::string>{photos[0]});
}

BOOST_AUTO_TEST_CASE(guests_reading_during_changes_never_see_a_confirmed_change_undone) {
    const auto photos = upload_many(1);
    const auto link = server.create_link(
        owner,
        {{"type", "INDIVIDUAL"}, {"assetIds", json::array{photos[0]}}, {"description", "v 0"}});
    const auto id = text(link, "id");
    const auto guest = with_share_key(text(link, "key"));

    constexpr int versions = 30;
    constexpr int readers = 8;
    std::atomic<int> confirmed{0};
    std::atomic<bool> writing{true};
    std::vector<std::string> problems(readers + 1);
    std::vector<int> reads(readers + 1, 0);
    std::vector<std::string> failures;
    run_together(
        readers + 1,
        [&](int i) {
            auto& problem = problems[static_cast<std::size_t>(i)];
            if (i == readers) {
                // The owner writes v 1 .. v N one after the other.
                for (int v = 1; v <= versions; ++v) {
                    const auto answer =
                        client().patch("/api/shared-link/" + id,
                                       {{"description", "v " + std::to_string(v)}}, owner.auth());
                    if (answer.status != 200) {
                        problem = "patch answered " + std::to_string(answer.status);
                        break;
                    }
                    confirmed = v;
                }
                writing = false;
                return;
            }
            // Each read must show at least the version confirmed before it was sent.
            while (writing && problem.empty()) {
                const int floor = confirmed;
                const auto answer = client().get("/api/shared-link/me", guest);
                ++reads[static_cast<std::size_t>(i)];
                if (answer.status != 200) {
                    problem = "me answered " + std::to_string(answer.status) + " " + answer.body;
                    break;
                }
                const auto seen = text(json::parse(answer.body), "description");
                if (std::stoi(seen.substr(2)) < floor) {
                    problem =
                        "saw " + seen + " after v " + std::to_string(floor) + " was confirmed";
                }
            }
        },
        failures);

    for (int i = 0; i <= readers; ++i) {
        BOOST_TEST_CONTEXT("thread " << i) {
            BOOST_TEST(failures[static_cast<std::size_t>(i)].empty(),
                       failures[static_cast<std::size_t>(i)]);
            BOOST_TEST(problems[static_cast<std::size_t>(i)].empty(),
                       problems[static_cast<std::size_t>(i)]);
        }
    }
    BOOST_TEST(text(json::parse(client().get("/api/shared-link/me", guest).body), "description") ==
               "v " + std::to_string(versions));
    BOOST_TEST(std::accumulate(reads.begin(), reads.end(), 0) > versions);
}

BOOST_AUTO_TEST_SUITE_END()
