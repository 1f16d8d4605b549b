#include "server/app/settings.hpp"
#include "support/fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <vector>

using namespace lightbox;

namespace {

settings load(std::vector<std::string> arguments) {
    std::vector<char*> argv{const_cast<char*>("lightbox")};
    for (auto& argument : arguments) {
        argv.push_back(argument.data());
    }
    return load_settings(static_cast<int>(argv.size()), argv.data());
}

} // namespace

BOOST_AUTO_TEST_SUITE(settings_loading)

BOOST_AUTO_TEST_CASE(defaults_need_nothing) {
    const auto s = load({});
    BOOST_TEST(s.listen_address == "127.0.0.1");
    BOOST_TEST(s.port == 2283);
    BOOST_TEST(s.api_prefix == "/api");
    BOOST_TEST(s.effective_database_url() == "sqlite:data/lightbox.db");
    BOOST_TEST(s.effective_worker_threads() >= 2u);
}

BOOST_AUTO_TEST_CASE(the_file_then_the_environment_then_arguments) {
    const auto dir = testing::make_temp_dir("lightbox-settings");
    const auto file = dir / "lightbox.conf";
    std::ofstream(file) << "# comment\nport = 3000\ndata_dir = /srv/photos\nlog_level = warn\n"
                        << "max_upload_bytes = 1000\n";
    ::setenv("LIGHTBOX_PORT", "4000", 1);
    ::setenv("LIGHTBOX_LOG_LEVEL", "debug", 1);
    const auto s = load({"--config=" + file.string(), "--log-level=error"});
    ::unsetenv("LIGHTBOX_PORT");
    ::unsetenv("LIGHTBOX_LOG_LEVEL");

    BOOST_TEST(s.port == 4000);
    BOOST_TEST(s.data_dir == "/srv/photos");
    BOOST_TEST(s.log_level == "error");
    BOOST_TEST(s.max_upload_bytes == 1000u);
    BOOST_TEST(s.effective_database_url() == "sqlite:/srv/photos/lightbox.db");
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(the_shipped_config_file_holds_the_defaults) {
    const auto shipped = std::filesystem::path(LIGHTBOX_SOURCE_DIR) / "config/lightbox.conf";
    const auto s = load({"--config=" + shipped.string()});
    const settings defaults;
    BOOST_TEST(s.port == defaults.port);
    BOOST_TEST(s.api_prefix == defaults.api_prefix);
    BOOST_TEST(s.max_body_bytes == defaults.max_body_bytes);
    BOOST_TEST(s.max_upload_bytes == defaults.max_upload_bytes);
    BOOST_TEST(s.idle_timeout.count() == defaults.idle_timeout.count());
    BOOST_TEST(s.effective_database_url() == defaults.effective_database_url());
}

BOOST_AUTO_TEST_CASE(other_programs_variables_in_the_environment_are_left_alone) {
    ::setenv("LIGHTBOX_DEMO_PORT", "9999", 1);
    ::setenv("LIGHTBOX_IDLE_TIMEOUT_SECONDS", "5", 1);
    const auto s = load({});
    ::unsetenv("LIGHTBOX_DEMO_PORT");
    ::unsetenv("LIGHTBOX_IDLE_TIMEOUT_SECONDS");
    BOOST_TEST(s.port == 2283);
    BOOST_TEST(s.idle_timeout.count() == 5);
}

BOOST_AUTO_TEST_CASE(mistakes_are_named) {
    BOOST_CHECK_THROW(load({"--port=http"}), std::invalid_argument);
    BOOST_CHECK_THROW(load({"--port=70000"}), std::invalid_argument);
    BOOST_CHECK_THROW(load({"--colour=blue"}), std::invalid_argument);
    BOOST_CHECK_THROW(load({"port=1"}), std::invalid_argument);
    BOOST_CHECK_THROW(load({"--config=/nonexistent/lightbox.conf"}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
