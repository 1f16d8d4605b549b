#pragma once

#include "domain/entities/asset.hpp"
#include "domain/events/event_journal.hpp"
#include "domain/ports/asset_repository.hpp"
#include "domain/ports/exif_reader.hpp"
#include "domain/ports/store.hpp"
#include "domain/services/caller.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox {

/// An upload whose bytes are already on disk, in a staging file under the data directory.
struct upload_request {
    std::filesystem::path staged_file;
    /// Base64 SHA-1 of the bytes, computed while they streamed in.
    std::string checksum;
    /// The client's file name, extension included.
    std::string file_name;
    std::string device_asset_id;
    std::string device_id;
    timestamp file_created_at{};
    timestamp file_modified_at{};
    bool is_favorite = false;
    bool is_archived = false;
    bool is_read_only = false;
    std::optional<std::string> duration;
};

struct upload_result {
    std::string id;
    bool duplicate = false;
};

struct upload_check_item {
    std::string id;
    /// Hex (40 characters) or base64 (28 characters) SHA-1.
    std::string checksum;
};

struct upload_check_result {
    std::string id;
    /// The asset the checksum already belongs to; empty when the upload is welcome.
    std::string existing_asset_id;
};

struct asset_patch {
    std::optional<bool> is_favorite;
    std::optional<bool> is_archived;
    std::optional<std::string> description;
};

struct asset_delete_result {
    std::string id;
    bool deleted = false;
};

/// Uploading, reading, changing and deleting assets. Every call may block: run it on a
/// worker thread.
class asset_service {
public:
    asset_service(store& db, const exif_reader& exif, std::filesystem::path originals_dir,
                  event_journal& events = event_journal::none())
        : db_(db), exif_(exif), originals_dir_(std::move(originals_dir)), events_(events) {}

    upload_result upload(const caller& who, const upload_request& request);
    std::vector<upload_check_result> bulk_upload_check(const caller& who,
                                                       const std::vector<upload_check_item>& items);
    std::optional<asset> find_by_device_asset(const caller& who, const std::string& device_id,
                                              const std::string& device_asset_id);
    std::vector<std::string> device_asset_ids(const caller& who, const std::string& device_id);
    std::vector<asset> list(const caller& who, const asset_filter& filter);

    asset get(const caller& who, const std::string& id);
    /// The asset whose original the caller may download.
    asset get_for_download(const caller& who, const std::string& id);
    asset update(const caller& who, const std::string& id, const asset_patch& patch);
    std::vector<asset_delete_result> remove(const caller& who, const std::vector<std::string>& ids);

private:
    store& db_;
    const exif_reader& exif_;
    std::filesystem::path originals_dir_;
    event_journal& events_;
};

} // namespace lightbox
