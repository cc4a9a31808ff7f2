// git-td-merge-driver %O %A %B %L %P: the git merge driver for td records.
// Only I/O lives here; the merge itself is gittd::merge::run_merge_driver.
// Exit codes are git's contract: 0 merged cleanly, 1 conflict (markers left
// in %A), 2 bad usage. Kept lean on purpose: git may call it once per record.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "gittd/merge/driver.hpp"
#include "gittd/util/files.hpp"

namespace {

constexpr const char* usage_text =
    "usage: git-td-merge-driver BASE OURS THEIRS MARKER_SIZE PATH\n"
    "  git calls it as: git-td-merge-driver %O %A %B %L %P\n"
    "  (configure: git config merge.td-record.driver 'git-td-merge-driver %O %A %B %L %P')\n"
    "Writes the merge of the three files into OURS. Exit 0: clean; 1: conflict,\n"
    "with git's conflict markers in OURS; 2: bad usage.\n";

void say(std::string_view path, const std::string& message) {
    std::fprintf(stderr, "git-td-merge-driver: %.*s: %s\n", static_cast<int>(path.size()), path.data(),
                 message.c_str());
}

int usage_error(const char* what) {
    std::fprintf(stderr, "git-td-merge-driver: %s\n%s", what, usage_text);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::fputs(usage_text, stdout);
        return 0;
    }
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("git-td-merge-driver %s\n", GITTD_VERSION);
        return 0;
    }
    if (argc != 6) return usage_error("expected 5 arguments (%O %A %B %L %P)");
    const std::string_view marker_arg = argv[4];
    unsigned marker_size = 0;
    const auto [end, error] = std::from_chars(marker_arg.data(), marker_arg.data() + marker_arg.size(), marker_size);
    if (error != std::errc() || end != marker_arg.data() + marker_arg.size() || marker_size == 0) {
        return usage_error("MARKER_SIZE (%L) must be a positive number");
    }
    const char* ours_file = argv[2];
    const std::string_view path = argv[5];
    try {
        // A missing base file means the same as an empty one: no common version.
        const std::string base = gittd::read_file_if_exists(argv[1]).value_or(std::string());
        const auto ours = gittd::read_file_if_exists(ours_file);
        const auto theirs = gittd::read_file_if_exists(argv[3]);
        if (!ours || !theirs) {
            say(path, std::string("cannot read ") + (ours ? argv[3] : ours_file) + ": no such file");
            return 1;
        }
        const gittd::merge::DriverResult result =
            gittd::merge::run_merge_driver({base, *ours, *theirs, marker_size, path});
        // Unchanged bytes are not rewritten: git reads %A either way.
        if (result.bytes != *ours) gittd::write_file_atomic(ours_file, result.bytes);
        if (!result.clean) {
            say(path, "conflict: " + result.reason);
            return 1;
        }
        if (result.new_conflicts > 0) {
            say(path, std::to_string(result.new_conflicts) +
                          (result.new_conflicts == 1 ? " disagreement" : " disagreements") +
                          " resolved by rule; the values set aside are kept in the record's conflicts list");
        }
        return 0;
    } catch (const std::exception& e) {
        say(path, e.what());
        return 1;
    }
}
