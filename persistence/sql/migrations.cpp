#include "persistence/sql/migrations.hpp"

#include "domain/time.hpp"
#include "persistence/sql/conversions.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace lightbox::sql {

namespace {

// Portable between SQLite and PostgreSQL: ids are UUID text, instants ISO-8601 text,
// flags INTEGER 0/1, the shared-link key lowercase hex and checksums base64.
const migration initial_schema{
    1,
    {
        R"(CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            storage_label TEXT,
            external_path TEXT,
            profile_image_path TEXT NOT NULL,
            should_change_password INTEGER NOT NULL,
            is_admin INTEGER NOT NULL,
            memories_enabled INTEGER NOT NULL,
            oauth_id TEXT NOT NULL,
            library_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT))",
        "CREATE INDEX users_created_at ON users (created_at)",

        R"(CREATE TABLE user_session (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            device_type TEXT NOT NULL,
            device_os TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))",
        "CREATE UNIQUE INDEX user_session_token_hash ON user_session (token_hash)",
        "CREATE INDEX user_session_user ON user_session (user_id)",

        R"(CREATE TABLE api_key (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))",
        "CREATE UNIQUE INDEX api_key_key_hash ON api_key (key_hash)",
        "CREATE INDEX api_key_user ON api_key (user_id, created_at)",

        // The live-photo video and album thumbnail links are checked at commit, so a
        // transaction may insert the referring asset before the one it refers to.
        R"(CREATE TABLE asset (
            id TEXT PRIMARY KEY,
            device_asset_id TEXT NOT NULL,
            owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            device_id TEXT NOT NULL,
            library_id TEXT NOT NULL,
            type TEXT NOT NULL,
            original_path TEXT NOT NULL,
            original_file_name TEXT NOT NULL,
            file_created_at TEXT NOT NULL,
            file_modified_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            is_favorite INTEGER NOT NULL,
            is_archived INTEGER NOT NULL,
            is_external INTEGER NOT NULL,
            is_offline INTEGER NOT NULL,
            is_read_only INTEGER NOT NULL,
            duration TEXT,
            live_photo_video_id TEXT REFERENCES asset (id) ON DELETE SET NULL
                DEFERRABLE INITIALLY DEFERRED,
            checksum TEXT NOT NULL))",
        "CREATE UNIQUE INDEX asset_owner_checksum ON asset (owner_id, checksum)",
        "CREATE INDEX asset_owner_device ON asset (owner_id, device_id, device_asset_id)",
        "CREATE INDEX asset_owner_file_created ON asset (owner_id, file_created_at)",
        "CREATE INDEX asset_live_photo_video ON asset (live_photo_video_id)",

        R"(CREATE TABLE asset_exif (
            asset_id TEXT PRIMARY KEY REFERENCES asset (id) ON DELETE CASCADE,
            make TEXT,
            model TEXT,
            lens_model TEXT,
            f_number DOUBLE PRECISION,
            focal_length DOUBLE PRECISION,
            iso BIGINT,
            exposure_time TEXT,
            exif_image_width BIGINT,
            exif_image_height BIGINT,
            orientation TEXT,
            file_size_in_byte BIGINT,
            date_time_original TEXT,
            modify_date TEXT,
            time_zone TEXT,
            latitude DOUBLE PRECISION,
            longitude DOUBLE PRECISION,
            city TEXT,
            state TEXT,
            country TEXT,
            description TEXT,
            projection_type TEXT))",

        R"(CREATE TABLE album (
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            album_name TEXT NOT NULL,
            description TEXT NOT NULL,
            album_thumbnail_asset_id TEXT REFERENCES asset (id) ON DELETE SET NULL
                DEFERRABLE INITIALLY DEFERRED,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))",
        "CREATE INDEX album_owner ON album (owner_id, created_at)",
        "CREATE INDEX album_thumbnail ON album (album_thumbnail_asset_id)",

        R"(CREATE TABLE album_asset (
            album_id TEXT NOT NULL REFERENCES album (id) ON DELETE CASCADE,
            asset_id TEXT NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
            PRIMARY KEY (album_id, asset_id)))",
        "CREATE INDEX album_asset_asset ON album_asset (asset_id)",

        R"(CREATE TABLE album_user (
            album_id TEXT NOT NULL REFERENCES album (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            PRIMARY KEY (album_id, user_id)))",
        "CREATE INDEX album_user_user ON album_user (user_id)",

        R"(CREATE TABLE shared_link (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            key_hex TEXT NOT NULL,
            type TEXT NOT NULL,
            description TEXT,
            created_at TEXT NOT NULL,
            expires_at TEXT,
            allow_upload INTEGER NOT NULL,
            allow_download INTEGER NOT NULL,
            show_exif INTEGER NOT NULL,
            album_id TEXT REFERENCES album (id) ON DELETE CASCADE))",
        "CREATE UNIQUE INDEX shared_link_key ON shared_link (key_hex)",
        "CREATE INDEX shared_link_user ON shared_link (user_id, created_at)",
        "CREATE INDEX shared_link_album ON shared_link (album_id)",

        R"(CREATE TABLE shared_link_asset (
            link_id TEXT NOT NULL REFERENCES shared_link (id) ON DELETE CASCADE,
            asset_id TEXT NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
            PRIMARY KEY (link_id, asset_id)))",
        "CREATE INDEX shared_link_asset_asset ON shared_link_asset (asset_id)",
    },
};

// The durable event log: one row per event and room, sequences handed out from a counter
// that trimming never lowers.
const migration event_log{
    2,
    {
        R"(CREATE TABLE event_log (
            sequence BIGINT PRIMARY KEY,
            room TEXT NOT NULL,
            name TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL))",
        "CREATE INDEX event_log_room ON event_log (room, sequence)",
        "CREATE INDEX event_log_created_at ON event_log (created_at)",
        R"(CREATE TABLE event_log_state (
            id INTEGER PRIMARY KEY,
            latest_sequence BIGINT NOT NULL,
            trimmed_through BIGINT NOT NULL))",
        "INSERT INTO event_log_state (id, latest_sequence, trimmed_through) VALUES (1, 0, 0)",
    },
};

} // namespace

const std::vector<migration>& migrations() {
    static const std::vector<migration> all{initial_schema, event_log};
    return all;
}

int schema_version(soci::session& session) {
    std::optional<int> version;
    session << "SELECT MAX(version) FROM schema_version", soci::into(version);
    return version.value_or(0);
}

void migrate(soci::session& session, dialect kind) {
    // PostgreSQL would otherwise print a notice for every start-up's IF NOT EXISTS.
    if (kind == dialect::postgresql) {
        session << "SET LOCAL client_min_messages = warning";
    }
    session << R"(CREATE TABLE IF NOT EXISTS schema_version (
                      version INTEGER PRIMARY KEY,
                      applied_at TEXT NOT NULL))";
    // SQLite's BEGIN IMMEDIATE already keeps a second process out; PostgreSQL needs a lock.
    if (kind == dialect::postgresql) {
        session << "LOCK TABLE schema_version IN EXCLUSIVE MODE";
    }

    const int current = schema_version(session);
    const int latest = migrations().back().version;
    if (current > latest) {
        throw std::runtime_error("the database schema is version " + std::to_string(current) +
                                 ", newer than this build's " + std::to_string(latest));
    }

    for (const auto& step : migrations()) {
        if (step.version <= current) {
            continue;
        }
        for (const auto statement : step.statements) {
            session << std::string(statement);
        }
        const auto applied_at = now();
        session << "INSERT INTO schema_version (version, applied_at) VALUES (:version, :at)",
            soci::use(step.version, "version"), soci::use(applied_at, "at");
    }
}

} // namespace lightbox::sql
