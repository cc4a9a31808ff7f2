// The merge driver's input handling (run_merge_driver, what
// git-td-merge-driver calls with git's %O %A %B %L %P) on any three texts:
//   byte 0          the path (a record of some kind and format, git-td.yaml,
//                   a folder that is no kind, an unsafe name)
//   byte 1          git's marker size, 7 to 10
//   the rest        base, ours and theirs, separated by NUL bytes
// Holds: nothing throws or crashes (an unexpected exception would show as a
// "cannot merge" conflict); a conflict says why; a clean record merge reads
// back as a record with the file's id and is the same whichever side is ours.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "gittd/merge/driver.hpp"
#include "gittd/tree/record_path.hpp"

using namespace gittd;

namespace {

constexpr std::string_view paths[] = {
    ".todos/export/issues/td-a1b2c3.yaml",
    ".todos/export/issues/td-a1b2c3.json",
    ".todos/export/logs/lg-a1b2c3.yaml",
    ".todos/export/comments/cm-a1b2c3.json",
    ".todos/export/handoffs/ho-a1b2c3.yaml",
    ".todos/export/dependencies/dep_0123456789abcdef.yaml",
    ".todos/export/boards/bd-a1b2c3.yaml",
    ".todos/export/git-td.yaml",
    ".todos/export/nonsense/td-a1b2c3.yaml",
    ".todos/export/issues/..yaml",
    "README.md",
};

std::vector<std::string_view> split(std::string_view bytes) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (parts.size() < 2) {
        const size_t end = bytes.find('\0', start);
        if (end == std::string_view::npos) break;
        parts.push_back(bytes.substr(start, end - start));
        start = end + 1;
    }
    parts.push_back(bytes.substr(std::min(start, bytes.size())));
    while (parts.size() < 3) parts.emplace_back();
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const std::string_view path = paths[data[0] % std::size(paths)];
    const std::vector<std::string_view> parts =
        split(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2));
    merge::DriverInput input{parts[0], parts[1], parts[2], 7u + data[1] % 4, path};
    const merge::DriverResult result = merge::run_merge_driver(input);
    if (!result.clean) {
        fuzz::require(!result.reason.empty(), "a conflict that does not say why");
        fuzz::require(result.reason.rfind("cannot merge: ", 0) != 0, "an unexpected exception in the driver",
                      result.reason);
        return 0;
    }
    const tree::RecordPath where = tree::classify_path(path);
    if (where.what != tree::RecordPath::What::record) return 0;
    // rerere's replayed resolution (a base with markers) hands a side back
    // as it is, readable or not: only symmetry is asked of it.
    const bool replayed = format::find_conflict_marker(input.base).has_value();
    std::swap(input.ours, input.theirs);
    const merge::DriverResult swapped = merge::run_merge_driver(input);
    fuzz::require(swapped.clean && swapped.bytes == result.bytes, "the driver is not symmetric", result.bytes);
    if (replayed) return 0;
    format::Document merged;
    try {
        merged = format::decode(result.bytes, where.format, path);
    } catch (const Error& error) {
        fuzz::require(false, "a clean merge wrote a file that does not read", error.what());
    }
    fuzz::require(merged.contains("id") && merged["id"] == where.id, "a clean merge with another id", result.bytes);
    return 0;
}
