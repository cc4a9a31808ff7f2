#include "gittd/exchange/task_diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "gittd/format/codec.hpp"
#include "gittd/git/history.hpp"
#include "gittd/git/object_reader.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/error.hpp"

namespace gittd::exchange {

using format::Document;

namespace {

constexpr const char* conflicts_field = "conflicts";

git::ObjectId commit_named(const git::Repository& repository, const std::string& rev) {
    const std::optional<git::ObjectId> commit = repository.resolve(rev);
    if (!commit) throw Error(ErrorCode::not_found, "'" + rev + "' names no commit (a branch without commits?)");
    return *commit;
}

std::set<std::string> conflict_ids(const std::optional<Document>& record) {
    std::set<std::string> ids;
    if (!record || !record->contains(conflicts_field) || !(*record)[conflicts_field].is_array()) return ids;
    for (const Document& entry : (*record)[conflicts_field]) {
        if (entry.is_object() && entry.contains("id") && entry["id"].is_string())
            ids.insert(entry["id"].get<std::string>());
    }
    return ids;
}

void compare_fields(RecordDiff& diff) {
    const Document empty = Document::object();
    const Document& before = diff.before ? *diff.before : empty;
    const Document& after = diff.after ? *diff.after : empty;
    const auto value_in = [](const Document& record, const std::string& field) {
        return record.contains(field) ? record[field] : Document();
    };
    // Fields in the newer record's order, then those only the older one has.
    for (const auto& [field, value] : after.items()) {
        if (field == conflicts_field) continue;
        const Document old_value = value_in(before, field);
        if (old_value != value) diff.fields.push_back({field, old_value, value});
    }
    for (const auto& [field, value] : before.items()) {
        if (field == conflicts_field || after.contains(field)) continue;
        diff.fields.push_back({field, value, Document()});
    }
    const std::set<std::string> old_ids = conflict_ids(diff.before);
    for (const std::string& id : conflict_ids(diff.after)) diff.new_conflicts += old_ids.count(id) == 0;
}

std::string text_of(const std::optional<Document>& record, const char* field) {
    if (!record || !record->contains(field) || !(*record)[field].is_string()) return {};
    return (*record)[field].get<std::string>();
}

bool is_set(const std::optional<Document>& record, const char* field) {
    return record && record->contains(field) && !(*record)[field].is_null() && (*record)[field] != "";
}

}  // namespace

Document read_tree_record(const git::Repository& repository, const git::ObjectId& commit, const std::string& path,
                          const git::ObjectId& blob, format::Format format) {
    const std::string shown = repository.short_id(commit) + ":" + path;
    const size_t size = git::blob_size(repository, blob);
    if (size > format::max_record_bytes) git::refuse_oversize_blob(blob, size, format::max_record_bytes);
    Document record = format::decode(git::read_blob(repository, blob), format, shown);
    if (!record.is_object()) throw Error(ErrorCode::invalid_input, shown + ": not a record (no mapping)");
    return record;
}

RecordDiff diff_record(std::string folder, std::string id, std::optional<Document> before,
                       std::optional<Document> after) {
    RecordDiff diff;
    diff.folder = std::move(folder);
    diff.id = std::move(id);
    diff.before = std::move(before);
    diff.after = std::move(after);
    diff.change = !diff.before  ? RecordDiff::Change::added
                  : !diff.after ? RecordDiff::Change::removed
                                : RecordDiff::Change::modified;
    compare_fields(diff);
    return diff;
}

std::string_view change_name(RecordDiff::Change change) {
    switch (change) {
        case RecordDiff::Change::added: return "added";
        case RecordDiff::Change::removed: return "removed";
        case RecordDiff::Change::modified: break;
    }
    return "modified";
}

DiffCounts TaskDiff::counts() const {
    DiffCounts counts;
    for (const RecordDiff& record : records) {
        counts.set_aside += record.new_conflicts;
        const bool added = record.change == RecordDiff::Change::added;
        if (record.folder == "issues") {
            const std::string before = text_of(record.before, "status"), after = text_of(record.after, "status");
            if (added) {
                ++counts.issues_created;
            } else if (record.change == RecordDiff::Change::removed ||
                       (!is_set(record.before, "deleted_at") && is_set(record.after, "deleted_at"))) {
                ++counts.issues_deleted;
            } else if (after == "closed" && before != "closed") {
                ++counts.issues_closed;
            } else if (before == "closed" && after != "closed") {
                ++counts.issues_reopened;
            } else {
                ++counts.issues_changed;
            }
        } else if (added && record.folder == "logs") {
            ++counts.logs;
        } else if (added && record.folder == "comments") {
            ++counts.comments;
        } else if (added && record.folder == "handoffs") {
            ++counts.handoffs;
        } else {
            ++counts.other_records;
        }
    }
    return counts;
}

RevisionRange resolve_range(const git::Repository& repository, const std::string& range) {
    if (const size_t dots = range.find("..."); dots != std::string::npos) {
        const git::ObjectId a = commit_named(repository, dots == 0 ? "HEAD" : range.substr(0, dots));
        const git::ObjectId b = commit_named(repository, dots + 3 == range.size() ? "HEAD" : range.substr(dots + 3));
        const std::optional<git::ObjectId> base = git::merge_base(repository, a, b);
        if (!base) throw Error(ErrorCode::not_found, range + ": the two sides have no common history");
        return {base, b};
    }
    if (const size_t dots = range.find(".."); dots != std::string::npos) {
        return {commit_named(repository, dots == 0 ? "HEAD" : range.substr(0, dots)),
                commit_named(repository, dots + 2 == range.size() ? "HEAD" : range.substr(dots + 2))};
    }
    return {commit_named(repository, range), commit_named(repository, "HEAD")};
}

TaskDiff diff_revisions(const git::Repository& repository, const std::string& export_path, const RevisionRange& range) {
    const std::string prefix = export_path.empty() ? std::string() : export_path + "/";
    // By record: a format switch removes x.yaml and adds x.json, one record.
    std::map<std::pair<std::string, std::string>, RecordDiff> records;
    for (const git::PathChange& change : git::diff_commits(repository, range.from, range.to, export_path)) {
        if (!change.path.starts_with(prefix)) continue;
        const tree::RecordPath path = tree::classify_path(std::string_view(change.path).substr(prefix.size()));
        if (path.what != tree::RecordPath::What::record) continue;  // git-td.yaml, .gitattributes, a README
        RecordDiff& diff = records[{path.folder, path.id}];
        diff.folder = path.folder;
        diff.id = path.id;
        const auto refuse_non_file = [&](const git::ObjectId& commit) {
            throw Error(ErrorCode::invalid_input, repository.short_id(commit) + ":" + change.path + ": not a file");
        };
        if (change.old_id) {
            if (change.old_kind != git::EntryKind::blob) refuse_non_file(*range.from);
            diff.before = read_tree_record(repository, *range.from, change.path, *change.old_id, path.format);
        }
        if (change.new_id) {
            if (change.new_kind != git::EntryKind::blob) refuse_non_file(range.to);
            diff.after = read_tree_record(repository, range.to, change.path, *change.new_id, path.format);
        }
    }
    TaskDiff diff;
    for (auto& [key, record] : records) {
        if (record.before && record.after && *record.before == *record.after) continue;  // only renamed
        diff.records.push_back(diff_record(std::move(record.folder), std::move(record.id), std::move(record.before),
                                           std::move(record.after)));
    }
    return diff;
}

}  // namespace gittd::exchange
