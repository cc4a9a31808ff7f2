// git td conflicts [list | show ID | resolve ID (--pick N | --value V | --ack)]:
// the values merges set aside (exchange/open_conflicts.hpp), and settling
// one (exchange/conflict_resolution.hpp).
#include "cli/commands.hpp"
#include "gittd/exchange/conflict_resolution.hpp"
#include "gittd/exchange/open_conflicts.hpp"
#include "gittd/exchange/workspace.hpp"
#include "gittd/util/error.hpp"

namespace gittd::cli {

namespace {

struct ConflictsFlags {
    std::string id, value;
    size_t pick = 0;
    bool ack = false;
};

std::string shown(const format::Document& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

format::Document json_of(const exchange::OpenConflict& conflict) {
    return {{"entry", conflict.entry_id()}, {"kind", conflict.folder}, {"id", conflict.id},
            {"title", conflict.title},      {"file", conflict.file},   {"conflict", conflict.entry}};
}

}  // namespace

void register_conflicts(CLI::App& app, const GlobalOptions& options) {
    auto* command = app.add_subcommand("conflicts",
                                       "The values merges set aside (each record's conflicts list), and settling them");
    command->footer(
        "Examples:\n  git td conflicts list\n  git td conflicts show c-5e0c1d9a\n"
        "  git td conflicts resolve c-5e0c1d9a --pick 2");
    command->require_subcommand(0, 1);
    auto flags = std::make_shared<ConflictsFlags>();
    auto* list =
        command->add_subcommand("list", "Every open entry: its id, the record, the field, chosen and set aside");
    auto* show = command->add_subcommand("show", "One entry in full, its values numbered for --pick");
    show->add_option("entry", flags->id, "The entry's id (c-...)")->required();
    auto* resolve = command->add_subcommand(
        "resolve", "Settle an entry: write the value into td's database (as an edit) and drop the entry");
    resolve->add_option("entry", flags->id, "The entry's id (c-...)")->required();
    auto* pick = resolve->add_option("--pick", flags->pick, "Take value N of 'show'");
    auto* value = resolve->add_option("--value", flags->value, "Take this value (JSON if it parses, else text)");
    auto* ack = resolve->add_flag("--ack", flags->ack, "Keep the chosen value; only drop the entry");
    pick->excludes(value)->excludes(ack);
    value->excludes(ack);

    const auto listing = [&options, flags](bool one) {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const tree::WorkingTree working = exchange::working_tree(workspace);
        std::vector<exchange::OpenConflict> conflicts;
        if (one) {
            std::optional<exchange::OpenConflict> found = exchange::find_open_conflict(working, flags->id);
            if (!found) throw Error(ErrorCode::not_found, flags->id + ": no such entry (see 'git td conflicts list')");
            conflicts.push_back(std::move(*found));
        } else {
            conflicts = exchange::list_open_conflicts(working);
        }
        format::Document listed = format::Document::array();
        for (const exchange::OpenConflict& conflict : conflicts) {
            const format::Document& entry = conflict.entry;
            const std::string field = entry.value("field", "");
            if (!one) {
                output.say(conflict.entry_id() + "  " + conflict.folder + "/" + conflict.id + "  " + field +
                           "  chosen: " + shown(entry.value("chosen", format::Document())) + "  (" +
                           entry.value("rule", "") + ")" +
                           (conflict.title.empty() ? "" : "  \"" + conflict.title + "\""));
            } else {
                output.say("entry:  " + conflict.entry_id());
                output.say("record: " + conflict.folder + "/" + conflict.id +
                           (conflict.title.empty() ? "" : "  \"" + conflict.title + "\"") + "  (" + conflict.file +
                           ")");
                output.say("field:  " + field + "  (rule: " + entry.value("rule", "") + ")");
                output.say("base:   " + shown(entry.value("base", format::Document())));
                const format::Document values = entry.value("values", format::Document::array());
                for (size_t i = 0; i < values.size(); ++i)
                    output.say("  " + std::to_string(i + 1) + ": " + shown(values[i]));
                output.say("chosen: " + shown(entry.value("chosen", format::Document())));
                output.say("settle: git td conflicts resolve " + conflict.entry_id() + " --pick N | --value V | --ack");
            }
            listed.push_back(json_of(conflict));
        }
        if (!one) output.say(std::to_string(conflicts.size()) + " open entries");
        output.finish({{"conflicts", std::move(listed)}}, diagnostics);
    };
    list->callback([listing] { listing(false); });
    show->callback([listing] { listing(true); });
    command->callback([command, listing] {
        if (command->get_subcommands().empty()) listing(false);  // plain `git td conflicts`: the list
    });
    resolve->callback([&options, flags] {
        enter_start_directory(options);
        const Output output(options);
        Diagnostics diagnostics;
        exchange::ConflictChoice choice;
        if (flags->pick > 0) {
            choice.how = exchange::ConflictChoice::How::pick;
            choice.pick = flags->pick;
        } else if (!flags->value.empty()) {
            choice.how = exchange::ConflictChoice::How::value;
            choice.value = flags->value;
        } else if (flags->ack) {
            choice.how = exchange::ConflictChoice::How::ack;
        } else {
            throw Error(ErrorCode::usage, "say which value: --pick N (see 'git td conflicts show " + flags->id +
                                              "'), --value V, or --ack to keep the chosen one");
        }
        const exchange::Workspace workspace = exchange::locate_workspace(".", options.database);
        const exchange::ConflictSettled settled =
            exchange::resolve_open_conflict(workspace, flags->id, choice, diagnostics);
        output.say((settled.changed ? "set " : "kept ") + settled.folder + "/" + settled.id + " " + settled.field +
                   " = " + shown(settled.value) + "; entry " + flags->id + " settled");
        output.finish({{"entry", flags->id},
                       {"kind", settled.folder},
                       {"id", settled.id},
                       {"field", settled.field},
                       {"value", settled.value},
                       {"changed", settled.changed}},
                      diagnostics);
    });
}

}  // namespace gittd::cli
