#pragma once
// What every command shares: the global options and the one way results,
// warnings and errors reach the user (human text, or one JSON document).
#include <filesystem>
#include <optional>
#include <string>

#include "gittd/format/document.hpp"
#include "gittd/util/diagnostics.hpp"

namespace gittd::cli {

struct GlobalOptions {
    std::filesystem::path directory = ".";          // -C DIR
    std::optional<std::filesystem::path> database;  // --db PATH
    bool json = false;                              // --json / --output json
    std::string output = "text";                    // --output text|json
};

class Output {
  public:
    explicit Output(const GlobalOptions& options) : options_(options) {}

    bool json() const { return options_.json || options_.output == "json"; }
    // Human text to stdout (suppressed in JSON mode).
    void say(const std::string& text) const;
    // A notice on stderr in both modes ("git-td: <text>"): something the
    // command did besides what was asked, such as creating td's database.
    void note(const std::string& text) const;
    // Finishes a command: the JSON document on stdout in JSON mode, and the
    // warnings on stderr in both modes.
    void finish(format::Document result, const Diagnostics& diagnostics) const;

  private:
    const GlobalOptions& options_;
};

// Changes to -C DIR, as git does, so every relative path on the command line
// (--db, --write, …) is taken from there. Every command calls it first.
void enter_start_directory(const GlobalOptions& options);

// A path as a user names it: relative to the worktree when inside it, else as given.
std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& workdir);

// Prints an error the way the command line promised; returns the exit code.
int report_error(const Output& output, const char* code, const std::string& message, int exit_code);

}  // namespace gittd::cli
