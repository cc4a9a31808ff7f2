#include "cli/output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "gittd/util/error.hpp"

namespace gittd::cli {

void Output::say(const std::string& text) const {
    if (!json()) std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
}

void Output::note(const std::string& text) const { std::cerr << "git-td: " << text << "\n"; }

void Output::finish(format::Document result, const Diagnostics& diagnostics) const {
    for (const std::string& warning : diagnostics.warnings) {
        std::cerr << "git-td: warning: " << warning << "\n";
    }
    if (json()) {
        result["warnings"] = diagnostics.warnings;
        std::cout << result.dump(2, ' ', false, format::Document::error_handler_t::replace) << "\n";
    }
}

void enter_start_directory(const GlobalOptions& options) {
    if (::chdir(options.directory.c_str()) != 0) {
        throw Error(ErrorCode::not_found,
                    options.directory.string() + ": cannot change to -C directory: " + std::strerror(errno));
    }
}

std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& workdir) {
    const std::filesystem::path relative = path.lexically_relative(workdir);
    if (relative.empty() || *relative.begin() == "..") return path.string();
    return relative.string();
}

int report_error(const Output& output, const char* code, const std::string& message, int exit_code) {
    if (output.json()) {
        format::Document error = {{"error", {{"code", code}, {"message", message}}}};
        std::cout << error.dump(2, ' ', false, format::Document::error_handler_t::replace) << "\n";
    }
    std::cerr << "git-td: error: " << message << "\n";
    return exit_code;
}

}  // namespace gittd::cli
