#include "gittd/exchange/conflict_resolution.hpp"

#include <algorithm>

#include "gittd/exchange/exporter.hpp"
#include "gittd/exchange/open_conflicts.hpp"
#include "gittd/exchange/tree_lock.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/td/action_log.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/tree/tree_config.hpp"
#include "gittd/util/confined.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

namespace {

format::Document chosen_value(const format::Document& entry, const ConflictChoice& choice,
                              const format::Document& current) {
    switch (choice.how) {
        case ConflictChoice::How::ack: return current;
        case ConflictChoice::How::pick: {
            const format::Document& values = entry.contains("values") ? entry["values"] : format::Document();
            if (!values.is_array() || choice.pick < 1 || choice.pick > values.size()) {
                throw Error(ErrorCode::usage, "--pick " + std::to_string(choice.pick) + ": the entry has " +
                                                  std::to_string(values.is_array() ? values.size() : 0) +
                                                  " values; pick one of them by its number in 'git td "
                                                  "conflicts show'");
            }
            return values[choice.pick - 1];
        }
        case ConflictChoice::How::value: {
            format::Document parsed = format::Document::parse(choice.value, nullptr, false);
            return parsed.is_discarded() ? format::Document(choice.value) : parsed;
        }
    }
    return current;
}

}  // namespace

ConflictSettled resolve_open_conflict(const Workspace& workspace, const std::string& entry_id,
                                      const ConflictChoice& choice, Diagnostics& diagnostics) {
    // Held throughout: the record's file is written between an export and an import.
    const TreeLock lock(workspace, diagnostics);
    // The tree as td's database has it first: the record's file is then
    // what an edit of it starts from.
    const ExportReport exported = export_workspace(workspace, {}, diagnostics);
    const tree::WorkingTree working = working_tree(workspace);
    const std::optional<OpenConflict> conflict = find_open_conflict(working, entry_id);
    if (!conflict) {
        throw Error(ErrorCode::not_found,
                    entry_id + ": no such entry in any record's conflicts list (see 'git td conflicts list')");
    }
    const model::Kind* kind = model::kind_by_folder(conflict->folder);
    for (const std::string& waiting : exported.awaiting_import) {
        if (tree::classify_path(waiting).id == conflict->id &&
            tree::classify_path(waiting).folder == conflict->folder) {
            throw Error(ErrorCode::guard, conflict->file +
                                              " changed in the tree since the last import; run 'git td import' "
                                              "first, then resolve");
        }
    }
    const std::optional<tree::TreeConfig> config = tree::read_tree_config(working);
    const format::Format format = config ? config->format : format::Format::yaml;
    const std::string name = tree::record_file_name(conflict->id, format);
    const std::optional<std::string> before = working.read(*kind, name);
    if (!before) throw Error(ErrorCode::not_found, conflict->file + ": not in the tree's format; run 'git td export'");
    format::Document record = format::decode(*before, format, conflict->file);

    ConflictSettled settled{conflict->folder, conflict->id, conflict->entry.value("field", ""), false, {}};
    const format::Document current = record.contains(settled.field) ? record[settled.field] : format::Document();
    settled.value = chosen_value(conflict->entry, choice, current);
    settled.changed = settled.value != current;
    if (settled.changed) {
        record[settled.field] = settled.value;
        // td's own edits stamp the record: the settled value is the newest word.
        const std::string_view clock = kind->clock();
        if (!clock.empty() && record.contains(std::string(clock))) record[std::string(clock)] = td::utc_now_rfc3339();
    }
    format::Document& entries = record["conflicts"];
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const format::Document& entry) { return entry.value("id", "") == entry_id; }),
                  entries.end());
    if (entries.empty()) record.erase("conflicts");
    // What import would refuse is refused here, before the file changes.
    const std::string after = format::encode(record, format);
    tree::check_record(*kind, format::decode(after, format, conflict->file), conflict->id, conflict->file, after);

    const std::string relative = working.relative(tree::record_path(*kind, conflict->id, format));
    write_file_in(working.top(), relative, after);
    try {
        ImportOptions options;
        options.session_id = "git-td-conflicts";
        import_workspace(workspace, options, diagnostics);
    } catch (...) {
        write_file_in(working.top(), relative, *before);  // the tree as it was
        throw;
    }
    export_workspace(workspace, {}, diagnostics);
    return settled;
}

}  // namespace gittd::exchange
