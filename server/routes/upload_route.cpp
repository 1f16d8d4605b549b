#include "domain/crypto/crypto.hpp"
#include "domain/text/utf8.hpp"
#include "server/http/multipart_parser.hpp"
#include "server/json/input.hpp"
#include "server/routes/route_support.hpp"

#include <array>
#include <cstdio>
#include <map>

namespace lightbox {

namespace {

constexpr std::size_t max_field_bytes = 64 * 1024;
constexpr std::size_t read_chunk_bytes = 256 * 1024;

/// Collects an upload's form fields and streams its `assetData` part into a staging file,
/// hashing it on the way. The staging file is removed unless `release()` hands it on.
class upload_form final : public multipart_handler {
public:
    explicit upload_form(std::filesystem::path staged) : staged_(std::move(staged)) {}

    ~upload_form() override {
        close_file();
        if (!released_) {
            std::error_code ignored;
            std::filesystem::remove(staged_, ignored);
        }
    }

    void on_part_begin(const multipart_part_header& header) override {
        current_ = header.name;
        in_file_ = header.name == "assetData" && header.file_name.has_value();
        if (in_file_) {
            if (file_ || !checksum_.empty()) {
                throw bad_request("Only one assetData file per upload");
            }
            file_name_ = *header.file_name;
            file_ = std::fopen(staged_.c_str(), "wb");
            if (!file_) {
                throw std::runtime_error("cannot create staging file " + staged_.string());
            }
        } else if (!header.file_name) {
            fields_[current_].clear();
        }
    }

    void on_part_data(std::string_view data) override {
        if (in_file_) {
            hash_.update(data);
            if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
                throw std::runtime_error("cannot write staging file " + staged_.string());
            }
            return;
        }
        auto field = fields_.find(current_);
        if (field == fields_.end()) {
            return;
        }
        if (field->second.size() + data.size() > max_field_bytes) {
            throw bad_request("Form field " + current_ + " is too long");
        }
        field->second.append(data);
    }

    void on_part_end() override {
        if (in_file_) {
            close_file();
            checksum_ = crypto::base64_encode(hash_.finish());
            in_file_ = false;
        }
    }

    std::optional<std::string> field(const std::string& name) const {
        const auto found = fields_.find(name);
        if (found == fields_.end()) {
            return std::nullopt;
        }
        return found->second;
    }

    bool has_file() const { return !checksum_.empty(); }
    const std::string& file_name() const { return file_name_; }
    const std::string& checksum() const { return checksum_; }
    const std::filesystem::path& staged() const { return staged_; }
    void release() { released_ = true; }

private:
    void close_file() {
        if (file_) {
            const bool flushed = std::fclose(file_) == 0;
            file_ = nullptr;
            if (!flushed) {
                throw std::runtime_error("cannot write staging file " + staged_.string());
            }
        }
    }

    std::filesystem::path staged_;
    std::map<std::string, std::string> fields_;
    std::string current_;
    bool in_file_ = false;
    std::FILE* file_ = nullptr;
    std::string file_name_;
    crypto::sha1_stream hash_;
    std::string checksum_;
    bool released_ = false;
};

upload_request read_upload_request(const upload_form& form) {
    json_input checks("");
    upload_request request;
    if (!form.has_file()) {
        checks.fail("assetData should not be empty");
    } else if (!is_storable_text(form.file_name())) {
        checks.fail("assetData file name must be valid UTF-8");
    }
    const auto text = [&](const char* name) {
        auto value = form.field(name);
        if (!value || value->empty() || !is_storable_text(*value)) {
            checks.fail(std::string(name) + " should not be empty");
            return std::string{};
        }
        return *value;
    };
    const auto date = [&](const char* name) {
        const auto value = form.field(name);
        const auto parsed = value ? parse_iso(*value) : std::nullopt;
        if (!parsed) {
            checks.fail(std::string(name) + " must be a Date instance");
            return timestamp{};
        }
        return *parsed;
    };
    const auto flag = [&](const char* name) {
        const auto value = form.field(name);
        if (!value) {
            return false;
        }
        const auto parsed = parse_bool_text(*value);
        if (!parsed) {
            checks.fail(std::string(name) + " must be a boolean value");
        }
        return parsed.value_or(false);
    };

    request.device_asset_id = text("deviceAssetId");
    request.device_id = text("deviceId");
    request.file_created_at = date("fileCreatedAt");
    request.file_modified_at = date("fileModifiedAt");
    request.is_favorite = flag("isFavorite");
    request.is_archived = flag("isArchived");
    request.is_read_only = flag("isReadOnly");
    if (auto duration = form.field("duration"); duration && is_storable_text(*duration)) {
        request.duration = std::move(*duration);
    }
    checks.finish();

    request.staged_file = form.staged();
    request.checksum = form.checksum();
    request.file_name = form.file_name();
    return request;
}

} // namespace

void add_upload_route(router& routes, app_context& app) {
    routes.add({http::verb::post, "/asset/upload", route_access::signed_in, true, true,
                [&app](request_context& context) -> net::awaitable<reply> {
                    const auto& who = context.signed_in();
                    if (who.is_guest() && !who.link->allow_upload) {
                        throw unauthorized("Unauthorized");
                    }
                    const auto content_type = context.header[http::field::content_type];
                    const auto boundary = multipart_boundary(content_type);
                    if (!boundary) {
                        throw bad_request("Expected a multipart/form-data body");
                    }

                    upload_form form(app.staging_dir() / (new_uuid() + ".part"));
                    multipart_parser parser(*boundary, form);
                    std::vector<char> chunk(read_chunk_bytes);
                    try {
                        for (;;) {
                            const auto size = co_await context.body_stream->read_some(chunk);
                            if (size == 0) {
                                break;
                            }
                            co_await on_worker(app, [&] {
                                parser.feed(std::string_view(chunk.data(), size));
                            });
                        }
                        parser.finish();
                    } catch (const multipart_error& error) {
                        throw bad_request(std::string("Malformed multipart body: ") +
                                          error.what());
                    }

                    auto request = read_upload_request(form);
                    const auto result = co_await on_worker(app, [&] {
                        auto uploaded = app.assets.upload(who, request);
                        form.release();
                        return uploaded;
                    });
                    co_return json_reply(
                        result.duplicate ? http::status::ok : http::status::created,
                        {{"id", result.id}, {"duplicate", result.duplicate}});
                }});
}

} // namespace lightbox
