#include "gittd/setup/attributes.hpp"

#include <algorithm>
#include <string_view>

#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"
#include "gittd/util/text_lines.hpp"

namespace gittd::setup {

namespace {

std::string_view without_eol(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

bool is_ours(std::string_view line) {
    const auto& ours = record_attribute_lines();
    return std::find(ours.begin(), ours.end(), without_eol(line)) != ours.end();
}

}  // namespace

std::string with_record_attributes(const std::string& text) {
    std::string out = text;
    const std::vector<std::string_view> lines = lines_with_newlines(text);
    for (const std::string& ours : record_attribute_lines()) {
        const bool present =
            std::any_of(lines.begin(), lines.end(), [&](std::string_view line) { return without_eol(line) == ours; });
        if (present) continue;
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += ours + "\n";
    }
    return out;
}

std::string without_record_attributes(const std::string& text) {
    std::string out;
    for (std::string_view line : lines_with_newlines(text)) {
        if (!is_ours(line)) out.append(line);
    }
    return out;
}

bool has_record_attributes(const std::string& text) { return with_record_attributes(text) == text; }

bool install_record_attributes(const tree::WorkingTree& tree) {
    const std::string path = tree.relative(attributes_name);
    const std::string text = read_file_in(tree.top(), path).value_or("");
    const std::string wanted = with_record_attributes(text);
    if (wanted == text) return false;
    write_file_in(tree.top(), path, wanted);
    return true;
}

bool uninstall_record_attributes(const tree::WorkingTree& tree) {
    const std::string path = tree.relative(attributes_name);
    const std::optional<std::string> text = read_file_in(tree.top(), path);
    if (!text) return false;
    const std::string rest = without_record_attributes(*text);
    if (rest == *text) return false;
    if (rest.empty()) {
        remove_file_in(tree.top(), path);
    } else {
        write_file_in(tree.top(), path, rest);
    }
    return true;
}

}  // namespace gittd::setup
