#include "gittd/merge/resolution.hpp"

#include "gittd/format/codec.hpp"
#include "gittd/merge/driver.hpp"
#include "gittd/merge/id_collision.hpp"
#include "gittd/merge/modify_delete.hpp"

namespace gittd::merge {

using format::Document;
using tree::RecordPath;

namespace {

std::optional<Document> try_decode(const std::string& text, const RecordPath& where, const std::string& source) {
    return format::try_decode(text, where.format, source);
}

bool has_id(const Document& record, const std::string& id) {
    const auto it = record.find("id");
    return it != record.end() && it->is_string() && it->get_ref<const std::string&>() == id;
}

Resolution left(Resolution r, std::string why) {
    r.outcome = Resolution::Outcome::left;
    r.detail = std::move(why);
    return r;
}

Resolution merge_both(Resolution r, const git::IndexConflict& c) {
    const RecordPath& where = r.where;
    // An add/add collision needs a new id, which the driver (a pure function
    // of three texts) cannot give: look for one first.
    const bool no_base = !c.base || stands_for_no_base(*c.base);
    if (no_base) {
        auto ours = try_decode(*c.ours, where, c.path);
        auto theirs = try_decode(*c.theirs, where, c.path);
        if (ours && theirs && has_id(*ours, where.id) && has_id(*theirs, where.id)) {
            if (auto why = id_collision(*where.kind, *ours, *theirs)) {
                r.outcome = Resolution::Outcome::collision;
                r.ours = std::move(ours);
                r.theirs = std::move(theirs);
                r.ours_text = *c.ours;
                r.theirs_text = *c.theirs;
                r.why = std::move(*why);
                return r;
            }
        }
    }
    const std::string base = c.base ? *c.base : std::string();
    const DriverResult result = run_merge_driver({base, *c.ours, *c.theirs, resolve_marker_size, c.path});
    if (!result.clean) return left(std::move(r), result.reason);
    r.outcome = Resolution::Outcome::merged;
    r.bytes = result.bytes;
    r.set_aside = result.new_conflicts;
    r.detail = result.new_conflicts == 0
                   ? "merged field by field"
                   : "merged field by field; " + std::to_string(result.new_conflicts) +
                         " disagreement(s) resolved by rule, the values set aside kept in its conflicts list";
    return r;
}

Resolution keep_edit(Resolution r, const git::IndexConflict& c) {
    const RecordPath& where = r.where;
    const bool ours_edited = c.ours.has_value();
    const auto edited = try_decode(ours_edited ? *c.ours : *c.theirs, where, c.path);
    if (!edited || !has_id(*edited, where.id)) {
        return left(std::move(r),
                    "modify/delete: the edited version does not parse or names another id; fix it by hand");
    }
    const auto base = try_decode(*c.base, where, c.path);
    const Document kept = keep_edit_over_delete(*where.kind, base ? &*base : nullptr, *edited);
    r.outcome = Resolution::Outcome::kept_edit;
    r.bytes = format::encode(kept, where.format);
    r.set_aside = 1;
    const bool soft = where.kind->field("deleted_at") != nullptr;
    r.detail = std::string("modify/delete: ") +
               (ours_edited ? "ours edited, theirs removed" : "theirs edited, ours removed") + "; the edit is kept" +
               (soft ? ", soft-deleted" : "") + ", with a modified-while-deleted entry";
    return r;
}

}  // namespace

Resolution resolve_conflict(const git::IndexConflict& c) {
    Resolution r;
    r.where = tree::classify_path(c.path);
    const RecordPath& where = r.where;
    if (where.what == RecordPath::What::other_file) {
        return left(std::move(r), "not a record file: git's line merge left it for you; edit it, then 'git add' it");
    }
    if (where.what != RecordPath::What::record) {
        return left(std::move(r), "not a record file git-td can merge (" +
                                      std::string(where.what == RecordPath::What::unknown_folder
                                                      ? "'" + where.folder + "' is not a kind folder"
                                                      : "not named <id>.yaml or <id>.json") +
                                      ")");
    }
    if (c.ours && c.theirs) return merge_both(std::move(r), c);
    if (c.base && (c.ours || c.theirs)) return keep_edit(std::move(r), c);
    return left(std::move(r), c.ours || c.theirs
                                  ? "only one side has the file and there is no base (a rename git paired with a "
                                    "delete?); keep the right version by hand"
                                  : "neither side has the file (both renamed it?); resolve it by hand");
}

}  // namespace gittd::merge
