#include "gittd/setup/gitignore.hpp"

#include <optional>
#include <vector>

#include "gittd/util/confined.hpp"

namespace gittd::setup {

namespace {

std::string_view trim_right(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

// Splits off a leading '/' (which anchors a rule to the top; it is kept).
std::string_view unanchored(std::string_view rule, std::string& anchor) {
    anchor.clear();
    if (!rule.empty() && rule.front() == '/') {
        anchor = "/";
        rule.remove_prefix(1);
    }
    return rule;
}

bool excludes_whole_directory(std::string_view body) {
    return body == ".todos" || body == ".todos/" || body == ".todos/**";
}

bool is_reinclusion(std::string_view line) {
    std::string anchor;
    if (line.empty() || line.front() != '!') return false;
    const std::string_view body = unanchored(line.substr(1), anchor);
    return body == ".todos/export/" || body == ".todos/export";
}

std::vector<std::string_view> split_lines(const std::string& text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.emplace_back(text.data() + start, end - start);
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::string reinclude_export_tree(const std::string& gitignore) {
    const std::vector<std::string_view> lines = split_lines(gitignore);
    // git honours the last rule that matches: the re-inclusion must come after
    // every rule that excludes .todos, wherever the user (or td) put them.
    std::optional<size_t> last_exclusion;
    std::string last_anchor;
    bool reinclusion_after = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string anchor;
        const std::string_view line = trim_right(lines[i]);
        const std::string_view body = unanchored(line, anchor);
        if (excludes_whole_directory(body) || body == ".todos/*") {
            last_exclusion = i;
            last_anchor = anchor;
            reinclusion_after = false;
        } else if (is_reinclusion(line)) {
            reinclusion_after = true;
        }
    }

    std::string out;
    const std::string rule = last_anchor + ".todos/*";
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string anchor;
        const std::string_view line = trim_right(lines[i]);
        const std::string_view body = unanchored(line, anchor);
        const bool before_last = !last_exclusion || i < *last_exclusion;
        if (excludes_whole_directory(body) || body == ".todos/*") {
            const std::string rewritten = anchor + ".todos/*";
            if (i != *last_exclusion) {
                // An earlier copy of the last rule is redundant: dropped.
                if (rewritten != rule) out += rewritten + "\n";
                continue;
            }
            out += rewritten + "\n";
            if (!reinclusion_after) out += "!" + anchor + ".todos/export/\n";
            continue;
        }
        // A re-inclusion before a rule that excludes .todos again does nothing: dropped.
        if (is_reinclusion(line) && before_last) continue;
        out.append(lines[i]);
        out += '\n';
    }
    // No rule at all: td's database must still never be committed.
    if (!last_exclusion) {
        if (!out.empty() && out != "\n") out += "\n";
        if (out == "\n") out.clear();
        out += "# td's database stays local; its export tree is shared (git-td)\n.todos/*\n!.todos/export/\n";
    }
    // Keep a file that had no final newline byte-identical when nothing changed.
    if (!gitignore.empty() && gitignore.back() != '\n' && out.size() == gitignore.size() + 1 &&
        out.compare(0, gitignore.size(), gitignore) == 0) {
        return gitignore;
    }
    return out;
}

bool fix_gitignore(const std::filesystem::path& workdir) {
    // .gitignore comes with the clone: a link there is refused, never followed.
    const std::string text = read_file_in(workdir, ".gitignore").value_or("");
    const std::string fixed = reinclude_export_tree(text);
    if (fixed == text) return false;
    write_file_in(workdir, ".gitignore", fixed);
    return true;
}

}  // namespace gittd::setup
