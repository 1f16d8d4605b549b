#pragma once

// What Linux says about the server process: its CPU time and its memory, from /proc.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fanout {

/// CPU time (user + system) the process has used so far, in microseconds; 0 without a pid.
inline std::int64_t process_cpu_us(int pid) {
    if (pid == 0) {
        return 0;
    }
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name may hold spaces; the fields after it are plain numbers.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    for (int field = 3; field < 14; ++field) {
        fields >> skip;
    }
    std::int64_t user = 0;
    std::int64_t system = 0;
    fields >> user >> system;
    return (user + system) * 1000000 / sysconf(_SC_CLK_TCK);
}

/// A `Vm…:` line of /proc/<pid>/status, in kB; 0 without a pid.
inline std::int64_t process_memory_kb(int pid, std::string_view field) {
    if (pid == 0) {
        return 0;
    }
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field, 0) == 0) {
            return std::stoll(line.substr(field.size() + 1));
        }
    }
    return 0;
}

} // namespace fanout
