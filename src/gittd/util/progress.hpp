#pragma once
// How a long step tells whoever runs it how far it got: (what it does, done,
// total; total 0 when it is not known yet). The command line draws a bar from
// it (cli/progress_bar.hpp); the library never writes to the terminal itself.
#include <cstddef>
#include <functional>
#include <string_view>

namespace gittd {

using Progress = std::function<void(std::string_view step, std::size_t done, std::size_t total)>;

// Calls `progress` when there is one.
inline void report_progress(const Progress& progress, std::string_view step, std::size_t done, std::size_t total) {
    if (progress) progress(step, done, total);
}

}  // namespace gittd
