// The link view cache keeps a load only when nothing the load shows changed while it ran,
// judged link by link: the interleavings the server cannot make happen on demand.
#include "server/app/link_view_cache.hpp"

#include <boost/test/unit_test.hpp>

using namespace lightbox;

namespace {

shared_link link_of(const std::string& id, const std::string& owner_id,
                    std::optional<std::string> album_id = std::nullopt) {
    shared_link link;
    link.id = id;
    link.user_id = owner_id;
    link.type = album_id ? shared_link_type::album : shared_link_type::individual;
    link.album_id = std::move(album_id);
    return link;
}

link_view_cache::body view_of(const std::string& text) {
    return make_view_body(text);
}

caller guest_of(const shared_link& link) {
    caller guest;
    guest.actor.id = link.user_id;
    guest.link = link;
    return guest;
}

struct two_links {
    link_view_cache cache;
    shared_link a = link_of("link-a", "olga", "album-a");
    shared_link b = link_of("link-b", "olga");

    bool owner_cached(const shared_link& link) {
        return cache.find_owner_view(link.id, link.user_id) != nullptr;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(link_view_cache_rules, two_links)

BOOST_AUTO_TEST_CASE(a_load_racing_a_change_of_its_link_is_not_kept) {
    const auto since = cache.version();
    cache.links_changed({a.id});
    cache.remember_owner_view(a, view_of("stale"), since);
    cache.remember_guest_view(a, view_of("stale"), since);
    cache.remember_guest("key-a", guest_of(a), since);
    BOOST_TEST(!owner_cached(a));
    BOOST_TEST(!cache.find_guest_view(a.id));
    BOOST_TEST(!cache.find_guest("key-a"));

    // A load that began after the change is kept.
    const auto later = cache.version();
    cache.remember_owner_view(a, view_of("fresh"), later);
    BOOST_TEST(cache.find_owner_view(a.id, "olga")->json == "fresh");
}

BOOST_AUTO_TEST_CASE(a_load_racing_a_change_of_another_link_is_kept) {
    const auto since = cache.version();
    cache.links_changed({a.id});
    cache.remember_owner_view(b, view_of("owner of b"), since);
    cache.remember_guest_view(b, view_of("guest of b"), since);
    cache.remember_guest("key-b", guest_of(b), since);
    BOOST_TEST(cache.find_owner_view(b.id, "olga")->json == "owner of b");
    BOOST_TEST(cache.find_guest_view(b.id)->json == "guest of b");
    BOOST_TEST(cache.find_guest("key-b").has_value());
}

BOOST_AUTO_TEST_CASE(a_change_drops_only_its_links_entries) {
    const auto since = cache.version();
    for (const auto* link : {&a, &b}) {
        cache.remember_owner_view(*link, view_of("owner"), since);
        cache.remember_guest_view(*link, view_of("guest"), since);
        cache.remember_guest("key-" + link->id, guest_of(*link), since);
    }
    cache.links_changed({a.id});
    BOOST_TEST(!owner_cached(a));
    BOOST_TEST(!cache.find_guest_view(a.id));
    BOOST_TEST(!cache.find_guest("key-" + a.id));
    BOOST_TEST(owner_cached(b));
    BOOST_TEST(cache.find_guest_view(b.id) != nullptr);
    BOOST_TEST(cache.find_guest("key-" + b.id).has_value());
}

BOOST_AUTO_TEST_CASE(the_owners_view_is_for_the_owner_only) {
    cache.remember_owner_view(a, view_of("olga's"), cache.version());
    BOOST_TEST(cache.find_owner_view(a.id, "olga")->json == "olga's");
    BOOST_TEST(!cache.find_owner_view(a.id, "someone-else"));
    // The guests' view is a separate entry.
    BOOST_TEST(!cache.find_guest_view(a.id));
}

BOOST_AUTO_TEST_CASE(deleting_the_owner_drops_and_refuses_their_links) {
    const auto since = cache.version();
    cache.remember_owner_view(b, view_of("kept before"), since);
    cache.remember_guest("key-b", guest_of(b), since);
    cache.user_deleted("olga");
    cache.remember_owner_view(a, view_of("raced"), since);
    cache.remember_guest("key-a", guest_of(a), since);
    BOOST_TEST(!owner_cached(a));
    BOOST_TEST(!owner_cached(b));
    BOOST_TEST(!cache.find_guest("key-a"));
    BOOST_TEST(!cache.find_guest("key-b"));
}

BOOST_AUTO_TEST_CASE(an_album_change_drops_and_refuses_the_links_that_show_it) {
    const auto since = cache.version();
    cache.remember_owner_view(a, view_of("before"), since);
    cache.remember_owner_view(b, view_of("no album"), since);
    cache.album_changed("album-a");
    BOOST_TEST(!owner_cached(a));
    BOOST_TEST(owner_cached(b));
    cache.remember_owner_view(a, view_of("raced"), since);
    BOOST_TEST(!owner_cached(a));
}

BOOST_AUTO_TEST_CASE(forgetting_old_changes_refuses_the_loads_that_overlapped_them) {
    const auto since = cache.version();
    for (int i = 0; i < 20000; ++i) {
        cache.links_changed({"other-" + std::to_string(i)});
    }
    cache.remember_owner_view(b, view_of("maybe stale"), since);
    BOOST_TEST(!owner_cached(b));
    cache.remember_owner_view(b, view_of("fresh"), cache.version());
    BOOST_TEST(owner_cached(b));
}

BOOST_AUTO_TEST_SUITE_END()
