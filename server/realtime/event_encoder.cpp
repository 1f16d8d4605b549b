#include "server/realtime/event_encoder.hpp"

#include "server/json/dto.hpp"

#include <boost/json/serialize.hpp>

namespace lightbox {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

array id_array(const std::vector<std::string>& ids) {
    array out;
    for (const auto& id : ids) {
        out.emplace_back(id);
    }
    return out;
}

event_record record(std::string room, std::string name, const value& payload) {
    return {0, std::move(room), std::move(name), boost::json::serialize(payload), {}};
}

struct encoder_visitor {
    std::vector<event_record>& out;

    void operator()(const asset_uploaded& e) const {
        out.push_back(record(user_room(e.uploaded.owner_id), "on_upload_success",
                             asset_json(e.uploaded)));
    }

    void operator()(const assets_updated& e) const {
        const auto ids = id_array(e.asset_ids);
        out.push_back(record(user_room(e.owner_id), "on_asset_update", ids));
        for (const auto& link_id : e.link_ids) {
            out.push_back(record(link_room(link_id), "on_asset_update", ids));
        }
    }

    void operator()(const asset_deleted& e) const {
        out.push_back(record(user_room(e.owner_id), "on_asset_delete", value(e.asset_id)));
        for (const auto& link_id : e.link_ids) {
            out.push_back(record(link_room(link_id), "on_asset_delete", value(e.asset_id)));
        }
    }

    void operator()(const album_changed& e) const {
        object payload{{"id", e.album.entity.id},
                       {"change", std::string(to_string(e.change))},
                       {"ids", id_array(e.ids)}};
        if (e.change != album_change::deleted) {
            payload["album"] = album_json(e.album);
        }
        for (const auto& user_id : e.audience) {
            out.push_back(record(user_room(user_id), "on_album_update", payload));
        }
    }

    object link_payload(const shared_link_changed& e, const audience& to) const {
        shared_link_view without_assets{e.view.link, {}, e.view.album};
        return object{{"id", e.view.link.id},
                      {"change", std::string(to_string(e.change))},
                      {"link", shared_link_json(without_assets, to)},
                      {"assets", assets_json(e.added_assets, to)},
                      {"removedAssetIds", id_array(e.removed_asset_ids)}};
    }

    void operator()(const shared_link_changed& e) const {
        const auto& link = e.view.link;
        out.push_back(record(user_room(link.user_id), "on_shared_link_update",
                             link_payload(e, audience::owner())));
        // Guests' payloads never carry metadata, whatever the link's showExif says now: the
        // log keeps them for replay, and the link may hide its metadata by then. Guests of
        // links that show it read it from the REST view.
        auto guests = guest_audience(link);
        guests.show_metadata = false;
        out.push_back(record(link_room(link.id), "on_shared_link_update", link_payload(e, guests)));
    }

    void operator()(const shared_link_deleted& e) const {
        out.push_back(record(user_room(e.link.user_id), "on_shared_link_delete",
                             value(e.link.id)));
        out.push_back(record(link_room(e.link.id), "on_shared_link_delete", value(e.link.id)));
    }
};

} // namespace

std::vector<event_record> json_event_encoder::encode(const change_event& event) const {
    std::vector<event_record> out;
    std::visit(encoder_visitor{out}, event);
    return out;
}

} // namespace lightbox
