#pragma once

#include "domain/entities/asset.hpp"
#include "domain/entities/shared_link.hpp"
#include "domain/time.hpp"

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

// How domain values travel through SOCI: an instant as ISO-8601 text in UTC with
// milliseconds (fixed width, so text order is time order), a flag as 0 or 1, an enum by its
// API name and an empty `std::optional` as NULL.
namespace soci {

template <typename T>
struct type_conversion<std::optional<T>> {
    using base_type = typename type_conversion<T>::base_type;

    static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
        if (ind == i_null) {
            out.reset();
            return;
        }
        T value{};
        type_conversion<T>::from_base(in, ind, value);
        out = std::move(value);
    }

    static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
        if (!in) {
            ind = i_null;
            return;
        }
        type_conversion<T>::to_base(*in, out, ind);
    }
};

template <>
struct type_conversion<lightbox::timestamp> {
    using base_type = std::string;

    static void from_base(const std::string& in, indicator ind, lightbox::timestamp& out) {
        if (ind == i_null) {
            throw soci_error("NULL where an instant is required");
        }
        const auto parsed = lightbox::parse_iso(in);
        if (!parsed) {
            throw soci_error("not an ISO-8601 instant: " + in);
        }
        out = *parsed;
    }

    static void to_base(const lightbox::timestamp& in, std::string& out, indicator& ind) {
        out = lightbox::format_iso(in);
        ind = i_ok;
    }
};

template <>
struct type_conversion<bool> {
    using base_type = int;

    static void from_base(int in, indicator ind, bool& out) {
        if (ind == i_null) {
            throw soci_error("NULL where a flag is required");
        }
        out = in != 0;
    }

    static void to_base(bool in, int& out, indicator& ind) {
        out = in ? 1 : 0;
        ind = i_ok;
    }
};

template <>
struct type_conversion<lightbox::asset_type> {
    using base_type = std::string;

    static void from_base(const std::string& in, indicator ind, lightbox::asset_type& out) {
        using lightbox::asset_type;
        if (ind == i_null) {
            throw soci_error("NULL where an asset type is required");
        }
        for (const auto type :
             {asset_type::image, asset_type::video, asset_type::audio, asset_type::other}) {
            if (in == lightbox::to_string(type)) {
                out = type;
                return;
            }
        }
        throw soci_error("unknown asset type: " + in);
    }

    static void to_base(lightbox::asset_type in, std::string& out, indicator& ind) {
        out = lightbox::to_string(in);
        ind = i_ok;
    }
};

template <>
struct type_conversion<lightbox::shared_link_type> {
    using base_type = std::string;

    static void from_base(const std::string& in, indicator ind, lightbox::shared_link_type& out) {
        const auto parsed = ind == i_null ? std::nullopt : lightbox::parse_shared_link_type(in);
        if (!parsed) {
            throw soci_error("unknown shared link type: " + in);
        }
        out = *parsed;
    }

    static void to_base(lightbox::shared_link_type in, std::string& out, indicator& ind) {
        out = lightbox::to_string(in);
        ind = i_ok;
    }
};

} // namespace soci
