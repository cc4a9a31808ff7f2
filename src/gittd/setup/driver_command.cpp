#include "gittd/setup/driver_command.hpp"

#include <unistd.h>

#include "gittd/util/process.hpp"

namespace gittd::setup {

namespace fs = std::filesystem;

std::string merge_driver_program(const std::optional<fs::path>& self) {
    if (self) {
        const fs::path sibling = self->parent_path() / merge_driver_name;
        std::error_code ec;
        if (fs::is_regular_file(sibling, ec) && ::access(sibling.c_str(), X_OK) == 0) return sibling.string();
    }
    return merge_driver_name;
}

std::string merge_driver_command(const std::string& program) {
    std::string word;
    for (char c : shell_quote(program)) {
        word += c;
        if (c == '%') word += '%';
    }
    return word + " " + merge_driver_arguments;
}

std::optional<std::string> driver_command_program(const std::string& command) {
    std::string word;
    size_t i = command.find_first_not_of(" \t");
    if (i == std::string::npos) return std::nullopt;
    char quote = 0;
    for (; i < command.size(); ++i) {
        const char c = command[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (quote == '"' && c == '\\' && i + 1 < command.size()) {
                word += command[++i];
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '\\' && i + 1 < command.size()) {
            word += command[++i];
        } else if (c == ' ' || c == '\t') {
            break;
        } else {
            word += c;
        }
        if (c == '%' && i + 1 < command.size() && command[i + 1] == '%') ++i;
    }
    if (quote) return std::nullopt;
    return word;
}

}  // namespace gittd::setup
