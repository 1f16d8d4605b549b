#include "server/app/http_server.hpp"
#include "server/app/log.hpp"
#include "server/app/settings.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    using namespace lightbox;
    try {
        const auto config = load_settings(argc, argv);
        set_log_level(parse_log_level(config.log_level));
        http_server server(config);
        server.start();
        server.stop_on_signals();
        server.wait();
        return 0;
    } catch (const std::invalid_argument& error) {
        std::cerr << "lightbox: " << error.what() << '\n';
        return 2;
    } catch (const std::exception& error) {
        log_error("cannot start").field("error", error.what());
        return 1;
    }
}
