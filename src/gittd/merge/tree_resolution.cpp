#include "gittd/merge/tree_resolution.hpp"

#include <set>

#include "gittd/format/canonical_order.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/merge/conflict_entries.hpp"
#include "gittd/merge/id_rekey.hpp"
#include "gittd/merge/resolution.hpp"
#include "gittd/tree/record_path.hpp"
#include "gittd/util/parallel.hpp"

namespace gittd::merge {

using format::Document;
using tree::RecordPath;

namespace {

// Below this many conflicted paths per thread, starting threads costs more
// than it saves (a record merge takes about 0.1 ms).
constexpr size_t parallel_resolutions_per_thread = 64;

// Re-keyed records of one side: old id -> (kind folder, new id).
using Renames = std::map<std::string, std::pair<std::string, std::string>>;

struct Collision {
    std::string path;
    RecordPath where;
    std::string ours_text, theirs_text;
    Document ours, theirs;
    std::string why;
};

std::optional<Document> try_decode(const std::string& text, const RecordPath& where, const std::string& source) {
    return format::try_decode(text, where.format, source);
}

class TreeResolver {
  public:
    explicit TreeResolver(const MergeView& view) : view_(view) {}

    TreeResolution run() {
        // Each path's resolution depends on its three texts alone, so they
        // are worked out on all cores, then taken in order.
        std::vector<Resolution> resolutions(view_.conflicts.size());
        const size_t threads = git::threads_for_libgit2(resolutions.size(), parallel_resolutions_per_thread);
        for_each_index(resolutions.size(), threads,
                       [&](size_t i, size_t) { resolutions[i] = resolve_conflict(view_.conflicts[i]); });
        for (size_t i = 0; i < resolutions.size(); ++i) {
            conflicted_.insert(view_.conflicts[i].path);
            resolve(view_.conflicts[i], std::move(resolutions[i]));
        }
        if (!collisions_.empty()) rekey_collisions();
        return std::move(result_);
    }

  private:
    void step(const std::string& path, const std::string& action, const std::string& detail, bool resolved = true,
              size_t line = 0) {
        result_.steps.push_back({path, action, detail, resolved, line});
        if (!resolved) ++result_.unresolved;
    }
    void leave(const std::string& path, const std::string& why) { step(path, "left", why, false); }

    void resolve(const git::IndexConflict& c, Resolution r) {
        using Outcome = Resolution::Outcome;
        switch (r.outcome) {
            case Outcome::left: return leave(c.path, r.detail);
            case Outcome::merged:
                result_.pending[c.path] = std::move(r.bytes);
                step(c.path, "merged", r.detail);
                result_.steps.back().set_aside = r.set_aside;
                return;
            case Outcome::kept_edit:
                result_.pending[c.path] = std::move(r.bytes);
                step(c.path, "kept-edit", r.detail);
                result_.steps.back().set_aside = r.set_aside;
                return;
            case Outcome::collision:
                collisions_.push_back({c.path, r.where, std::move(r.ours_text), std::move(r.theirs_text),
                                       std::move(*r.ours), std::move(*r.theirs), std::move(r.why)});
                return;
        }
    }

    // --- id collisions -------------------------------------------------------

    std::optional<std::string> read(const std::string& path) const {
        const auto it = result_.pending.find(path);
        if (it != result_.pending.end()) return it->second;
        return view_.read(path);
    }

    // Whether a record `id` exists in `folder` (a conflicted path's folder, with
    // its '/'), in either format: staged, pending, or in the worktree.
    bool taken(const std::string& folder, const std::string& id) const {
        for (const format::Format format : {format::Format::yaml, format::Format::json}) {
            const std::string path = folder + tree::record_file_name(id, format);
            const auto it = result_.pending.find(path);
            if (it != result_.pending.end() && it->second) return true;
            if (view_.exists(path)) return true;
        }
        return false;
    }

    static std::string folder_of(const std::string& path) { return path.substr(0, path.rfind('/') + 1); }

    void rekey_collisions() {
        const std::optional<git::MergeSides>& sides = view_.sides;
        const std::string& why = view_.why_no_sides;
        if (!sides) {
            for (const Collision& c : collisions_) {
                leave(c.path, "add/add id collision (" + c.why +
                                  "), but git-td cannot tell which records belong to "
                                  "which side: " +
                                  why);
            }
            return;
        }
        Renames renamed[2];  // by Side
        for (Collision& c : collisions_) {
            const Side side = later_created(*c.where.kind, c.ours, c.theirs);
            Document record = side == Side::ours ? c.ours : c.theirs;
            const std::string& kept = side == Side::ours ? c.theirs_text : c.ours_text;
            const std::string folder = folder_of(c.path);
            std::string new_id;
            if (auto derived = derived_link_id(*c.where.kind, record)) {
                if (*derived == c.where.id || taken(folder, *derived)) {
                    leave(c.path, "add/add id collision (" + c.why +
                                      ") of a link whose id td derives from its key, "
                                      "and its key gives no free id; resolve it by hand");
                    continue;
                }
                new_id = *derived;
            } else {
                new_id = fresh_id(c.where.id, format::encode_json(record),
                                  [&](const std::string& id) { return taken(folder, id); });
            }
            record["id"] = new_id;
            Document list = record.value("conflicts", Document::array());
            add_entries(list, {rekey_entry(c.where.id, new_id)});
            record["conflicts"] = list;
            const std::string new_path = folder + tree::record_file_name(new_id, c.where.format);
            result_.pending[new_path] = format::encode(format::canonical_order(*c.where.kind, record), c.where.format);
            result_.pending[c.path] = kept;
            renamed[side == Side::ours ? 0 : 1][c.where.id] = {std::string(c.where.kind->folder), new_id};
            collision_paths_.insert(c.path);
            const char* side_name = side == Side::ours ? "ours" : "theirs";
            step(c.path, "kept-id",
                 std::string("add/add id collision (") + c.why + "): the earlier-created record (" +
                     (side == Side::ours ? "theirs" : "ours") + ") keeps '" + c.where.id + "'");
            step(new_path, "re-keyed",
                 std::string("the later-created record (") + side_name + ", from " +
                     (side == Side::ours ? view_.ours_name : sides->theirs_ref) + ") gets the new id '" + new_id + "'");
            result_.steps.back().set_aside = 1;  // its rekey entry
        }
        follow(sides->ours, sides->theirs, renamed[0]);
        follow(sides->theirs, sides->ours, renamed[1]);
    }

    // Rewrites the references that `side` introduced (added or changed since
    // the merge base) to a re-keyed id: those records came with the re-keyed
    // one. A reference the other side introduced too is ambiguous and left.
    void follow(const std::map<std::string, git::SideChange>& side, const std::map<std::string, git::SideChange>& other,
                const Renames& renames) {
        if (renames.empty()) return;
        for (const auto& [path, change] : side) {
            if (collision_paths_.count(path)) continue;
            const RecordPath where = tree::classify_path(path);
            if (where.what != RecordPath::What::record) continue;
            const auto after = try_decode(change.after, where, path);
            if (!after) continue;
            const auto before = change.before ? try_decode(*change.before, where, path) : std::nullopt;
            std::vector<std::pair<std::string, std::string>> edits;  // field, new id
            for (const auto& [old_id, renamed] : renames) {
                const auto& [folder, new_id] = renamed;
                for (const std::string& field : fields_naming(*where.kind, *after, folder, old_id)) {
                    if (before && before->value(field, Document()) == (*after)[field]) continue;
                    if (introduced_by(other, path, where, field, old_id)) {
                        leave(path, "both sides made " + field + " name '" + old_id + "', which was re-keyed to '" +
                                        new_id + "' on one side only; set it by hand");
                        continue;
                    }
                    edits.emplace_back(field, new_id);
                }
            }
            if (!edits.empty()) rewrite(path, where, edits);
        }
    }

    static bool introduced_by(const std::map<std::string, git::SideChange>& side, const std::string& path,
                              const RecordPath& where, const std::string& field, const std::string& id) {
        const auto it = side.find(path);
        if (it == side.end()) return false;
        const auto after = try_decode(it->second.after, where, path);
        if (!after || after->value(field, Document()) != Document(id)) return false;
        const auto before = it->second.before ? try_decode(*it->second.before, where, path) : std::nullopt;
        return !before || before->value(field, Document()) != Document(id);
    }

    void rewrite(const std::string& path, const RecordPath& where,
                 const std::vector<std::pair<std::string, std::string>>& edits) {
        if (conflicted_.count(path) && !result_.pending.count(path)) {
            return leave(path, "still conflicted, so its reference to a re-keyed record cannot be rewritten");
        }
        const std::optional<std::string> text = read(path);
        if (!text) return;  // removed on the merged result: nothing to follow
        const auto current = try_decode(*text, where, path);
        if (!current) return leave(path, "does not parse, so its reference to a re-keyed record cannot be rewritten");
        Document record = *current;
        std::string fields;
        for (const auto& [field, new_id] : edits) {
            record[field] = new_id;
            fields += (fields.empty() ? "" : ", ") + field + " -> " + new_id;
        }
        std::string target = path;
        if (auto derived = derived_link_id(*where.kind, record); derived && *derived != where.id) {
            target = folder_of(path) + tree::record_file_name(*derived, where.format);
            if (taken(folder_of(path), *derived)) {
                return leave(path, "its rewritten key (" + fields + ") gives the id '" + *derived +
                                       "', which another file has; resolve it by hand");
            }
            record["id"] = *derived;
            result_.pending[path] = std::nullopt;
        }
        result_.pending[target] = format::encode(format::canonical_order(*where.kind, record), where.format);
        if (target == path)
            step(path, "rewrote-reference", fields);
        else
            step(target, "renamed", "from " + path + " (" + fields + "; td derives the id from the key)");
    }

    const MergeView& view_;
    TreeResolution result_;
    std::set<std::string> conflicted_;
    std::set<std::string> collision_paths_;
    std::vector<Collision> collisions_;
};

}  // namespace

TreeResolution resolve_tree_merge(const MergeView& view) { return TreeResolver(view).run(); }

}  // namespace gittd::merge
