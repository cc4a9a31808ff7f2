#include "gittd/git/merge_index.hpp"

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/util/error.hpp"
#include "gittd/util/files.hpp"

namespace gittd::git {

namespace {

std::string blob_bytes(const Repository& repository, const ObjectId& id, const std::string& path) {
    try {
        return read_blob(repository, id);
    } catch (const Error& e) {
        throw Error(e.code(), path + ": " + e.what());
    }
}

bool under(std::string_view path, std::string_view prefix) { return path.substr(0, prefix.size()) == prefix; }

// Every file under `prefix` that `to` added or changed since `from`. A path
// whose kind changed (a file became a symlink) counts as added: it has no
// earlier version of the same kind to merge against.
std::map<std::string, SideChange> changes(const Repository& repository, const git_oid& from, const git_oid& to,
                                          std::string_view prefix) {
    std::map<std::string, SideChange> result;
    for (const PathChange& change : diff_commits(repository, to_object_id(from), to_object_id(to), prefix)) {
        if (change.status == ChangeStatus::deleted || !under(change.path, prefix)) continue;
        SideChange side;
        if (change.status == ChangeStatus::modified && change.old_kind == change.new_kind) {
            side.before = blob_bytes(repository, *change.old_id, change.path);
        }
        side.after = blob_bytes(repository, *change.new_id, change.path);
        result.emplace(change.path, std::move(side));
    }
    return result;
}

int collect_oid(const git_oid* id, void* payload) {
    static_cast<std::vector<git_oid>*>(payload)->push_back(*id);
    return 0;
}

}  // namespace

struct MergeIndex::Handles {
    IndexHandle index;
};

MergeIndex::MergeIndex(const Repository& repository)
    : repository_(repository), handles_(std::make_unique<Handles>()), workdir_(repository.paths().workdir) {
    check_git(git_repository_index(handles_->index.out(), raw(repository)), "cannot read the index");
}

MergeIndex::~MergeIndex() = default;

std::vector<IndexConflict> MergeIndex::conflicts(std::string_view prefix) const {
    std::vector<IndexConflict> result;
    if (!git_index_has_conflicts(handles_->index.get())) return result;
    ConflictIteratorHandle it;
    check_git(git_index_conflict_iterator_new(it.out(), handles_->index.get()), "cannot list the index's conflicts");
    const git_index_entry *base = nullptr, *ours = nullptr, *theirs = nullptr;
    int rc = 0;
    while ((rc = git_index_conflict_next(&base, &ours, &theirs, it.get())) == 0) {
        const git_index_entry* any = ours ? ours : theirs ? theirs : base;
        IndexConflict conflict;
        conflict.path = any->path;
        if (!under(conflict.path, prefix)) continue;
        if (base) conflict.base = blob_bytes(repository_, to_object_id(base->id), conflict.path);
        if (ours) conflict.ours = blob_bytes(repository_, to_object_id(ours->id), conflict.path);
        if (theirs) conflict.theirs = blob_bytes(repository_, to_object_id(theirs->id), conflict.path);
        result.push_back(std::move(conflict));
    }
    if (rc != GIT_ITEROVER) throw_git_error("cannot list the index's conflicts");
    return result;
}

bool MergeIndex::has(const std::string& path) const {
    for (int stage = 0; stage <= 3; ++stage) {
        if (git_index_get_bypath(handles_->index.get(), path.c_str(), stage)) return true;
    }
    return false;
}

std::optional<MergeSides> MergeIndex::sides(std::string_view prefix, std::string& why) const {
    git_repository* repo = raw(repository_);
    git_oid head{}, theirs{}, base{};
    if (git_reference_name_to_id(&head, repo, "HEAD") != 0) {
        why = "HEAD has no commit";
        return std::nullopt;
    }
    MergeSides result;
    std::vector<git_oid> merge_heads;
    const int rc = git_repository_mergehead_foreach(repo, collect_oid, &merge_heads);
    if (rc == 0 && merge_heads.size() > 1) {
        why = "an octopus merge has more than two sides";
        return std::nullopt;
    }
    if (rc == 0 && merge_heads.size() == 1) {
        result.theirs_ref = "MERGE_HEAD";
        theirs = merge_heads[0];
        check_git(git_merge_base(&base, repo, &head, &theirs), "cannot find the merge base of HEAD and MERGE_HEAD");
    } else {
        // A cherry-pick (and each step of a rebase) merges one commit against
        // its parent: that parent is the base.
        for (const char* ref : {"CHERRY_PICK_HEAD", "REBASE_HEAD"}) {
            if (git_reference_name_to_id(&theirs, repo, ref) == 0) {
                result.theirs_ref = ref;
                break;
            }
        }
        if (result.theirs_ref.empty()) {
            why = "no merge, cherry-pick or rebase is in progress (no MERGE_HEAD, CHERRY_PICK_HEAD or REBASE_HEAD)";
            return std::nullopt;
        }
        CommitHandle picked;
        check_git(git_commit_lookup(picked.out(), repo, &theirs), "cannot read " + result.theirs_ref);
        if (git_commit_parentcount(picked.get()) == 0) {
            why = result.theirs_ref + " has no parent to merge against";
            return std::nullopt;
        }
        base = *git_commit_parent_id(picked.get(), 0);
    }
    result.ours = changes(repository_, base, head, prefix);
    result.theirs = changes(repository_, base, theirs, prefix);
    return result;
}

void MergeIndex::stage(const std::string& path, std::string_view bytes) {
    // The worktree's files are untrusted: no link on the way is followed.
    write_file_in(workdir_, path, bytes);
    check_git(git_index_add_bypath(handles_->index.get(), path.c_str()), path + ": cannot stage");
}

void MergeIndex::remove(const std::string& path) {
    remove_file_in(workdir_, path);
    check_git(git_index_remove_bypath(handles_->index.get(), path.c_str()), path + ": cannot unstage");
}

void MergeIndex::write() { check_git(git_index_write(handles_->index.get()), "cannot write the index"); }

}  // namespace gittd::git
