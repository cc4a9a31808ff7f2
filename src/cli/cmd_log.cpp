// git td log ID: one record's history through git (exchange/record_log.hpp).
#include <cstdint>
#include <cstdio>
#include <ctime>

#include "cli/commands.hpp"
#include "gittd/exchange/record_log.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/util/error.hpp"

namespace gittd::cli {

namespace {

// The author's date in the author's time zone, as git log --date=iso shows it.
std::string author_date(const git::CommitInfo& commit) {
    const auto local = static_cast<std::time_t>(commit.author_time + std::int64_t{commit.author_offset_minutes} * 60);
    std::tm parts{};
    ::gmtime_r(&local, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
    const int offset = commit.author_offset_minutes < 0 ? -commit.author_offset_minutes : commit.author_offset_minutes;
    char zone[32];
    std::snprintf(zone, sizeof zone, "%c%02d%02d", commit.author_offset_minutes < 0 ? '-' : '+', offset / 60,
                  offset % 60);
    return std::string(text) + " " + zone;
}

std::string shown_value(const format::Document& value) {
    if (value.is_null()) return "(none)";
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        const size_t newline = text.find('\n');
        return newline == std::string::npos ? text : text.substr(0, newline) + " …";
    }
    return value.dump();
}

}  // namespace

void register_log(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand(
        "log",
        "The history of one record through git: each commit that changed it, author, date, fields changed; "
        "a record re-keyed by an id collision is followed back to its old id");
    command->footer("Example:\n  git td log td-a1b2c3");
    auto id = std::make_shared<std::string>();
    command->add_option("id", *id, "The record's id (td-…, lg-…, cm-…, …)")->required();
    command->callback([&options, id] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const std::optional<git::ObjectId> head = workspace.git.resolve("HEAD");
        if (!head) throw Error(ErrorCode::not_found, "no commits yet: the history of " + *id + " is empty");
        const exchange::RecordLog log =
            exchange::record_log(workspace.git, exchange::export_path(workspace), *id, *head);
        if (log.entries.empty()) {
            throw Error(ErrorCode::not_found, *id +
                                                  ": no commit reachable from HEAD has this record (is the id right? "
                                                  "records reach git with 'git td commit' or the hooks)");
        }
        format::Document commits = format::Document::array();
        for (const exchange::RecordLogEntry& entry : log.entries) {
            const exchange::RecordDiff& change = entry.change;
            const std::string what(exchange::change_name(change.change));
            // Before a re-key the record had another id: say which.
            const std::string as = change.id == *id ? "" : " (as " + change.id + ")";
            output.say(workspace.git.short_id(entry.commit.id) + "  " + author_date(entry.commit) + "  " +
                       entry.commit.author_name + " <" + entry.commit.author_email + ">  " + what + as + "  " +
                       entry.commit.summary);
            format::Document fields = format::Document::array();
            for (const exchange::FieldChange& field : change.fields) {
                if (change.change == exchange::RecordDiff::Change::modified)
                    output.say("    " + field.field + ": " + shown_value(field.before) + " -> " +
                               shown_value(field.after));
                fields.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
            }
            if (change.new_conflicts > 0)
                output.say("    " + std::to_string(change.new_conflicts) + " value(s) set aside");
            commits.push_back({{"commit", entry.commit.id.hex()},
                               {"id", change.id},
                               {"author", entry.commit.author_name},
                               {"email", entry.commit.author_email},
                               {"date", author_date(entry.commit)},
                               {"summary", entry.commit.summary},
                               {"change", what},
                               {"fields", std::move(fields)},
                               {"new_conflicts", change.new_conflicts}});
        }
        output.finish({{"id", *id}, {"kind", log.folder}, {"commits", std::move(commits)}}, diagnostics);
    });
}

}  // namespace gittd::cli
