#pragma once
#include <string>
#include <vector>

namespace gittd {

// Warnings gathered while a command runs; the CLI prints them on stderr (or
// in the JSON document) once the command is done.
struct Diagnostics {
    std::vector<std::string> warnings;
    void warn(std::string message) { warnings.push_back(std::move(message)); }
};

}  // namespace gittd
