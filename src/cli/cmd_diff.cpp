// git td diff [RANGE]: task changes between two revisions, field by field
// (exchange/task_diff.hpp), or with no range between the export tree and td's
// database (exchange/database_diff.hpp), for people, for scripts (--json) and
// for a pull-request comment (--markdown, exchange/diff_markdown.hpp).
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "gittd/exchange/database_diff.hpp"
#include "gittd/exchange/diff_markdown.hpp"
#include "gittd/exchange/task_diff.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/util/line_diff.hpp"

namespace gittd::cli {

namespace {

struct DiffFlags {
    std::string range;
    bool markdown = false;
    size_t max_rows = exchange::default_markdown_rows;
};

// Colour only for a person at a terminal, and never with NO_COLOR set.
bool use_colour() {
    const char* no_colour = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) == 1 && (!no_colour || !*no_colour);
}

std::string paint(const std::string& text, const char* code, bool colour) {
    return colour ? std::string("\033[") + code + "m" + text + "\033[m" : text;
}

std::string shown_value(const format::Document& value) {
    if (value.is_null()) return "(none)";
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

std::string title_of(const exchange::RecordDiff& record) {
    for (const auto* side : {&record.after, &record.before}) {
        if (*side && (*side)->contains("title") && (**side)["title"].is_string())
            return (**side)["title"].get<std::string>();
    }
    return {};
}

void print_human(const Output& output, const exchange::TaskDiff& diff, bool colour) {
    for (const exchange::RecordDiff& record : diff.records) {
        std::string head = paint(record.folder + "/" + record.id, "1", colour) + "  " +
                           std::string(exchange::change_name(record.change));
        if (const std::string title = title_of(record); !title.empty()) head += "  \"" + title + "\"";
        output.say(head);
        if (record.change != exchange::RecordDiff::Change::modified) continue;
        for (const exchange::FieldChange& field : record.fields) {
            const bool text =
                (field.before.is_string() && field.before.get<std::string>().find('\n') != std::string::npos) ||
                (field.after.is_string() && field.after.get<std::string>().find('\n') != std::string::npos);
            if (!text) {
                output.say("  " + field.field + ": " + paint(shown_value(field.before), "31", colour) + " -> " +
                           paint(shown_value(field.after), "32", colour));
                continue;
            }
            output.say("  " + field.field + ":");
            const std::string before = field.before.is_string() ? field.before.get<std::string>() : "";
            const std::string after = field.after.is_string() ? field.after.get<std::string>() : "";
            for (const DiffLine& line : diff_lines(before, after)) {
                const std::string text_line = std::string("    ") + line.mark + line.text;
                output.say(line.mark == '-'   ? paint(text_line, "31", colour)
                           : line.mark == '+' ? paint(text_line, "32", colour)
                                              : text_line);
            }
        }
        if (record.new_conflicts > 0)
            output.say("  " + std::to_string(record.new_conflicts) + " value(s) set aside (git td conflicts)");
    }
    output.say(exchange::counts_line(diff.counts()));
}

format::Document json_of(const exchange::TaskDiff& diff) {
    format::Document records = format::Document::array();
    for (const exchange::RecordDiff& record : diff.records) {
        format::Document fields = format::Document::array();
        for (const exchange::FieldChange& field : record.fields)
            fields.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
        records.push_back({{"kind", record.folder},
                           {"id", record.id},
                           {"change", std::string(exchange::change_name(record.change))},
                           {"title", title_of(record)},
                           {"fields", std::move(fields)},
                           {"new_conflicts", record.new_conflicts}});
    }
    const exchange::DiffCounts c = diff.counts();
    return {{"records", std::move(records)},
            {"counts",
             {{"issues_created", c.issues_created},
              {"issues_closed", c.issues_closed},
              {"issues_reopened", c.issues_reopened},
              {"issues_deleted", c.issues_deleted},
              {"issues_changed", c.issues_changed},
              {"logs", c.logs},
              {"comments", c.comments},
              {"handoffs", c.handoffs},
              {"other_records", c.other_records},
              {"set_aside", c.set_aside}}}};
}

}  // namespace

void register_diff(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "diff",
        "Task changes field by field: with no range, the export tree against td's database (- tree, "
        "+ database: what an export would write, or an import would undo); A..B (A to B), A...B (what B "
        "brings to A, from their merge base), A (A to HEAD)");
    command->footer(
        "Examples:\n  git td diff                          (td's edits not yet in .todos/export, and the reverse)\n"
        "  git td diff main...HEAD --markdown   (a pull request's task changes, for its comment)");
    auto flags = std::make_shared<DiffFlags>();
    command->add_option("range", flags->range, "A..B, A...B or A; none: the tree against the database");
    command->add_flag("--markdown", flags->markdown, "A summary for a pull-request comment: counts and a table");
    command->add_option("--max-rows", flags->max_rows, "Issues listed in the --markdown table (default 50)")
        ->check(CLI::Range(size_t{1}, size_t{10000}));
    command->callback([&options, flags] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        std::optional<exchange::RevisionRange> range;
        if (!flags->range.empty()) range = exchange::resolve_range(workspace.git, flags->range);
        const exchange::TaskDiff diff =
            range ? exchange::diff_revisions(workspace.git, exchange::export_path(workspace), *range)
                  : exchange::diff_database(workspace, diagnostics);
        if (flags->markdown && !output.json()) {
            std::cout << exchange::render_markdown(diff, flags->max_rows);
        } else {
            print_human(output, diff, use_colour());
        }
        format::Document result = json_of(diff);
        // A commit's id, "" for nothing (the empty tree), or the two sides of a database diff.
        result["from"] = !range ? std::string("tree") : range->from ? range->from->hex() : std::string();
        result["to"] = range ? range->to.hex() : std::string("database");
        if (flags->markdown) result["markdown"] = exchange::render_markdown(diff, flags->max_rows);
        output.finish(std::move(result), diagnostics);
    });
}

}  // namespace gittd::cli
