#include "gittd/exchange/diff_markdown.hpp"

#include <vector>

namespace gittd::exchange {

namespace {

std::string plural(size_t count, const std::string& one, const std::string& many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string string_field(const std::optional<format::Document>& record, const char* field) {
    if (!record || !record->contains(field) || !(*record)[field].is_string()) return {};
    return (*record)[field].get<std::string>();
}

// A title on one table row: no line breaks, no pipes or markup that would
// break the table or ping anyone, at most 80 characters (whole UTF-8 characters).
std::string table_text(const std::string& text) {
    std::string out;
    size_t characters = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool starts_character = (byte & 0xc0) != 0x80;
        if (starts_character && characters == 80) {
            out += "…";
            break;
        }
        characters += starts_character;
        const char c = text[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
                   c == '>' || c == '@' || c == '#') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string counts_line(const DiffCounts& counts) {
    std::vector<std::string> parts;
    const auto add = [&parts](size_t count, const std::string& one, const std::string& many) {
        if (count > 0) parts.push_back(plural(count, one, many));
    };
    add(counts.issues_created, "created", "created");
    add(counts.issues_closed, "closed", "closed");
    add(counts.issues_reopened, "reopened", "reopened");
    add(counts.issues_deleted, "deleted", "deleted");
    add(counts.issues_changed, "issue changed", "issues changed");
    add(counts.logs, "log", "logs");
    add(counts.comments, "comment", "comments");
    add(counts.handoffs, "handoff", "handoffs");
    add(counts.other_records, "other record", "other records");
    add(counts.set_aside, "set aside", "set aside");
    if (parts.empty()) return "no task changes";
    std::string line;
    for (const std::string& part : parts) line += (line.empty() ? "" : " · ") + part;
    return line;
}

std::string issue_change_words(const RecordDiff& record) {
    std::string words;
    const std::string before = string_field(record.before, "status"), after = string_field(record.after, "status");
    if (record.change == RecordDiff::Change::added) {
        words = "created";
    } else if (record.change == RecordDiff::Change::removed) {
        words = "removed";
    } else {
        std::vector<std::string> changed;
        const bool status_changed = before != after;
        for (const FieldChange& field : record.fields) {
            if (field.field == "updated_at") continue;  // moves with every edit
            // Closing and reopening set these with the status: "closed" says it.
            if (status_changed && (field.field == "closed_at" || field.field == "closed_by_session")) continue;
            if (field.field == "status" && after == "closed") {
                changed.insert(changed.begin(), "closed");
            } else if (field.field == "status" && before == "closed") {
                changed.insert(changed.begin(), "reopened");
            } else if (field.field == "deleted_at" && !field.after.is_null()) {
                changed.insert(changed.begin(), "deleted");
            } else {
                changed.push_back(field.field);
            }
        }
        for (size_t i = 0; i < changed.size(); ++i) words += (i == 0 ? "" : ", ") + changed[i];
        if (words.empty() && record.new_conflicts == 0) words = "touched";
    }
    if (record.new_conflicts > 0)
        words += (words.empty() ? "" : "; ") + std::to_string(record.new_conflicts) + " set aside";
    return words;
}

std::string render_markdown(const TaskDiff& diff, size_t max_rows) {
    std::string out = "### Task changes\n\n" + counts_line(diff.counts()) + "\n";
    std::vector<const RecordDiff*> issues;
    for (const RecordDiff& record : diff.records) {
        if (record.folder == "issues") issues.push_back(&record);
    }
    if (issues.empty()) return out;
    out += "\n| issue | title | change |\n|---|---|---|\n";
    const size_t shown = std::min(issues.size(), max_rows);
    for (size_t i = 0; i < shown; ++i) {
        const RecordDiff& record = *issues[i];
        std::string title = string_field(record.after, "title");
        if (title.empty()) title = string_field(record.before, "title");
        out += "| `" + record.id + "` | " + table_text(title) + " | " + table_text(issue_change_words(record)) + " |\n";
    }
    if (issues.size() > shown)
        out += "| … | | and " + plural(issues.size() - shown, "more issue", "more issues") + " |\n";
    return out;
}

}  // namespace gittd::exchange
