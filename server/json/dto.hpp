#pragma once

#include "domain/entities/credentials.hpp"
#include "domain/services/views.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace lightbox {

/// Who a response is written for; decides which fields it may show.
struct audience {
    /// A guest holding a shared-link key never sees people, private owner fields or, when
    /// its link hides metadata, anything beyond what identifies the asset.
    bool guest = false;
    /// False only for guests of a link with `showExif` off.
    bool show_metadata = true;
    /// Lists leave EXIF out.
    bool with_exif = true;

    static audience owner() { return {}; }
};

/// The audience of a guest of `link`.
audience guest_audience(const shared_link& link);

boost::json::object user_json(const user& u, const audience& to = audience::owner());
boost::json::object exif_json(const exif_info& exif);
boost::json::object asset_json(const asset& a, const audience& to = audience::owner());
boost::json::array assets_json(const std::vector<asset>& assets, const audience& to);
boost::json::object album_json(const album_view& view, const audience& to = audience::owner());
boost::json::object shared_link_json(const shared_link_view& view,
                                     const audience& to = audience::owner());
boost::json::object api_key_json(const api_key& key);
boost::json::array asset_id_results_json(const std::vector<asset_id_result>& results,
                                         const char* id_field);

} // namespace lightbox
