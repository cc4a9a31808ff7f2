#include "gittd/merge/driver.hpp"

#include <exception>
#include <optional>

#include "gittd/format/codec.hpp"
#include "gittd/git/text_merge.hpp"
#include "gittd/merge/id_collision.hpp"
#include "gittd/merge/record_merge.hpp"
#include "gittd/tree/record_check.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"

namespace gittd::merge {

using tree::classify_path;
using tree::RecordPath;

using format::Document;

namespace {

// Every conflict is left the way git's own merge leaves one: git_merge_file
// over the raw texts. Where those merge cleanly line by line (a rename whose
// id line changed on one side only, say), the markers would hide the problem,
// so the two sides are compared as if added on both: every difference is then
// a marked hunk, and import refuses the file until someone resolves it.
DriverResult conflict(const DriverInput& in, std::string reason) {
    git::MarkedMerge marked = git::merge_with_markers(in.base, in.ours, in.theirs, in.marker_size);
    if (marked.clean) marked = git::merge_with_markers("", in.ours, in.theirs, in.marker_size);
    return {false, std::move(marked.text), std::move(reason), 0};
}

DriverResult line_merge(const DriverInput& in) {
    git::MarkedMerge marked = git::merge_with_markers(in.base, in.ours, in.theirs, in.marker_size);
    std::string reason = marked.clean ? std::string() : "both sides changed the same lines";
    return {marked.clean, std::move(marked.text), std::move(reason), 0};
}

std::string id_of(const Document& record) {
    const auto it = record.find("id");
    if (it == record.end()) return "no id";
    return it->is_string() ? "'" + it->get<std::string>() + "'" : "id " + it->dump();
}

void require_id(const Document& record, const RecordPath& where, const char* side, std::string& mismatches) {
    const auto it = record.find("id");
    if (it != record.end() && it->is_string() && it->get_ref<const std::string&>() == where.id) return;
    mismatches += std::string(mismatches.empty() ? "" : ", ") + side + " has " + id_of(record);
}

DriverResult merge_record(const DriverInput& in, const RecordPath& where) {
    const std::string path(in.path);
    std::optional<Document> base;
    if (!stands_for_no_base(in.base)) {
        base = format::decode(in.base, where.format, path + " (base)");
    }
    const Document ours = format::decode(in.ours, where.format, path + " (ours)");
    const Document theirs = format::decode(in.theirs, where.format, path + " (theirs)");

    std::string mismatches;
    if (base) require_id(*base, where, "base", mismatches);
    require_id(ours, where, "ours", mismatches);
    require_id(theirs, where, "theirs", mismatches);
    if (!mismatches.empty()) {
        return conflict(in, "ids differ from the file name '" + where.id + "': " + mismatches +
                                " (git paired a removed record with an added one as a rename); keep each record "
                                "in its own file");
    }
    // A side td could not read (status: pwned, minor: 7, a timestamp that is
    // none) is input the driver cannot merge: a conflict naming side and line.
    tree::require_readable_by_td(*where.kind, ours, path + " (ours)", in.ours);
    tree::require_readable_by_td(*where.kind, theirs, path + " (theirs)", in.theirs);
    if (!base) {
        if (auto why = id_collision(*where.kind, ours, theirs)) {
            return conflict(in, "add/add id collision: both sides added a different " + std::string(where.kind->name) +
                                    " named '" + where.id + "' (" + *why +
                                    "); run 'git td resolve' to give one a new id");
        }
    }
    MergeResult merged = merge_records(*where.kind, base ? &*base : nullptr, ours, theirs);
    if (auto problem = tree::find_field_problem(*where.kind, merged.merged)) {
        return conflict(in, "the merged record would not be readable by td: " + problem->what);
    }
    return {true, format::encode(merged.merged, where.format), {}, merged.new_conflicts};
}

}  // namespace

bool stands_for_no_base(std::string_view base) {
    const bool blank = base.find_first_not_of(" \t\r\n") == std::string_view::npos;
    return blank || format::find_conflict_marker(base).has_value();
}

// rerere replays a recorded resolution through the merge driver: %O is the
// recorded conflicted file, %A the same conflict met again, %B the person's
// resolution. Both conflicted sides hold markers and cannot parse, yet the
// answer is plain: where a side equals the conflicted base, the other side is
// the result. Taken only when the base holds markers, so that no ordinary
// merge skips the record checks below.
std::optional<DriverResult> replayed_resolution(const DriverInput& in) {
    if (!format::find_conflict_marker(in.base)) return std::nullopt;
    if (in.ours == in.theirs || in.base == in.theirs) return DriverResult{true, std::string(in.ours), {}, 0};
    if (in.base == in.ours) return DriverResult{true, std::string(in.theirs), {}, 0};
    return std::nullopt;
}

DriverResult run_merge_driver(const DriverInput& in) {
    if (auto replayed = replayed_resolution(in)) return std::move(*replayed);
    const RecordPath where = classify_path(in.path);
    switch (where.what) {
        case RecordPath::What::other_file: return line_merge(in);
        case RecordPath::What::unknown_folder:
            return conflict(in, "'" + where.folder + "' is not a git-td kind folder; git-td merges only records");
        case RecordPath::What::bad_name:
            return conflict(in, "not a record file name: a record is <id>.yaml or <id>.json with a safe id");
        case RecordPath::What::record: break;
    }
    try {
        return merge_record(in, where);
    } catch (const Error& error) {
        return conflict(in, error.what());  // unparsable: the message names the side and line
    } catch (const std::exception& error) {
        // Nothing a record holds may crash the merge of a user's branch: the
        // worst case is a conflict for a person to look at.
        return conflict(in, std::string("cannot merge: ") + error.what());
    }
}

}  // namespace gittd::merge
