#include "gittd/git/commit_writer.hpp"

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <sys/stat.h>

#include <cstdlib>
#include <set>
#include <vector>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/git/pack_writer.hpp"
#include "gittd/git/trees.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

namespace {

using SignatureHandle = Handle<git_signature, git_signature_free>;
using TreeBuilderHandle = Handle<git_treebuilder, git_treebuilder_free>;

// The first line of a commit message, for the reflog as git writes it.
std::string subject(const std::string& message) { return message.substr(0, message.find('\n')); }

// user.name / user.email as git commit takes them: the environment
// (GIT_AUTHOR_NAME, ...) before the configuration.
std::string identity(git_repository* repository, const char* variable, const char* key) {
    if (const char* value = std::getenv(variable); value && *value) return value;
    ConfigHandle config;
    check_git(git_repository_config_snapshot(config.out(), repository), "cannot read the git configuration");
    const char* value = nullptr;
    if (git_config_get_string(&value, config.get(), key) != 0 || !value || !*value) {
        throw Error(ErrorCode::git, std::string("git does not know who you are (no ") + key +
                                        "); set it with 'git config " + key + " ...'");
    }
    return value;
}

SignatureHandle signature(git_repository* repository, const char* name_variable, const char* email_variable) {
    SignatureHandle signature;
    check_git(git_signature_now(signature.out(), identity(repository, name_variable, "user.name").c_str(),
                                identity(repository, email_variable, "user.email").c_str()),
              "cannot make a commit signature");
    return signature;
}

// objects/pack of the repository (the common one, for a linked worktree).
std::filesystem::path pack_folder(git_repository* repository) {
    git_buf objects = GIT_BUF_INIT;
    check_git(git_repository_item_path(&objects, repository, GIT_REPOSITORY_ITEM_OBJECTS),
              "cannot find the object folder");
    std::filesystem::path folder = std::filesystem::path(objects.ptr) / "pack";
    git_buf_dispose(&objects);
    return folder;
}

void move_ref_raw(git_repository* repository, const ObjectId& commit, const RefUpdate& where) {
    ReferenceHandle moved;
    const git_oid target = to_oid(commit);
    const git_oid expected = where.expected ? to_oid(*where.expected) : git_oid{};
    const int rc =
        git_reference_create_matching(moved.out(), repository, where.ref.c_str(), &target, where.expected ? 1 : 0,
                                      where.expected ? &expected : nullptr, where.reflog.c_str());
    if (rc == GIT_ELOCKED) check_git(rc, "cannot update " + where.ref + "; nothing was committed");
    check_git(rc, where.ref +
                      " moved while git-td was committing (or cannot be updated); nothing was committed: run "
                      "the command again");
}

}  // namespace

struct CommitWriter::Impl {
    // A repository of its own: the in-memory object store it is given must
    // not catch the objects anything else in this process writes.
    RepositoryHandle repository;
    OdbHandle odb;
    git_odb_backend* mempack = nullptr;  // owned by odb
    // Every object this writer made, for the pack. libgit2 1.5's
    // git_mempack_dump packs each commit with everything it reaches — the
    // whole tree, 80k blobs at 10k issues, on every commit — and its
    // in-memory store cannot be listed, so the writer keeps the list.
    std::vector<git_oid> written;
};

CommitWriter::CommitWriter(const Repository& repository) : impl_(std::make_unique<Impl>()) {
    check_git(git_repository_open(impl_->repository.out(), repository.paths().git_dir.c_str()),
              "cannot open the repository to commit");
    check_git(git_repository_odb(impl_->odb.out(), impl_->repository.get()), "cannot open the object database");
    check_git(git_mempack_new(&impl_->mempack), "cannot make an in-memory object store");
    // Highest priority: every object written below lands there, not loose.
    const int rc = git_odb_add_backend(impl_->odb.get(), impl_->mempack, 1000);
    if (rc != 0) {
        impl_->mempack->free(impl_->mempack);
        check_git(rc, "cannot add the in-memory object store");
    }
}

CommitWriter::~CommitWriter() {
    if (impl_ && impl_->mempack) git_mempack_reset(impl_->mempack);
}

namespace {
// git's id of the empty blob (e69de29...), what a moved-from HashedBlob holds.
const ObjectId& empty_blob_id() {
    static const ObjectId id = blob_id("");
    return id;
}
}  // namespace

HashedBlob::HashedBlob(std::string bytes) : bytes_(std::move(bytes)), id_(blob_id(bytes_)) {
    empty_blob_id();  // computed here, where it may throw, never in a noexcept move
}

HashedBlob::HashedBlob(HashedBlob&& other) noexcept : bytes_(std::move(other.bytes_)), id_(other.id_) {
    other.bytes_.clear();
    other.id_ = empty_blob_id();
}

HashedBlob& HashedBlob::operator=(HashedBlob&& other) noexcept {
    if (this != &other) {
        bytes_ = std::move(other.bytes_);
        id_ = other.id_;
        other.bytes_.clear();
        other.id_ = empty_blob_id();
    }
    return *this;
}

ObjectId CommitWriter::write_blob(std::string_view bytes) {
    git_oid oid;
    check_git(git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB), "cannot hash a file to commit");
    const ObjectId id = to_object_id(oid);
    store_blob(id, bytes);
    return id;
}

ObjectId CommitWriter::write_blob(const HashedBlob& blob) {
    store_blob(blob.id(), blob.bytes());
    return blob.id();
}

void CommitWriter::store_blob(const ObjectId& id, std::string_view bytes) {
    const git_oid oid = to_oid(id);
    // Straight into the in-memory store: git_blob_create_from_buffer first
    // asks every backend whether the object exists, and a miss rescans the
    // pack folder (1.4 s of a first commit of 80k files). The pack written
    // at commit() may repeat an object the repository has; git allows that.
    check_git(impl_->mempack->write(impl_->mempack, &oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB),
              "cannot store a file to commit");
    impl_->written.push_back(oid);
}

ObjectId CommitWriter::updated_tree(const std::optional<ObjectId>& parent, const std::vector<FileUpdate>& updates,
                                    std::vector<std::optional<ObjectId>>& blob_ids) {
    std::vector<TreeUpdate> stored;
    stored.reserve(updates.size());
    blob_ids.assign(updates.size(), std::nullopt);
    for (size_t i = 0; i < updates.size(); ++i) {
        if (updates[i].bytes) blob_ids[i] = write_blob(*updates[i].bytes);
        stored.push_back({updates[i].path, blob_ids[i]});
    }
    return updated_tree(parent, stored);
}

ObjectId CommitWriter::updated_tree(const std::optional<ObjectId>& parent, const std::vector<TreeUpdate>& updates) {
    git_repository* repository = impl_->repository.get();
    git_oid base_oid;
    if (parent) {
        CommitHandle commit;
        const git_oid parent_oid = to_oid(*parent);
        check_git(git_commit_lookup(commit.out(), repository, &parent_oid), "cannot read commit " + parent->hex());
        base_oid = *git_commit_tree_id(commit.get());
    } else {
        TreeBuilderHandle empty;
        check_git(git_treebuilder_new(empty.out(), repository, nullptr), "cannot build the empty tree");
        check_git(git_treebuilder_write(&base_oid, empty.get()), "cannot write the empty tree");
    }
    TreeHandle base;
    check_git(git_tree_lookup(base.out(), repository, &base_oid), "cannot read the tree to commit onto");

    std::vector<git_tree_update> changes;
    changes.reserve(updates.size());
    for (const TreeUpdate& update : updates) {
        git_tree_update change{};
        change.path = update.path.c_str();
        if (update.blob) {
            change.id = to_oid(*update.blob);
            change.action = GIT_TREE_UPDATE_UPSERT;
            change.filemode = GIT_FILEMODE_BLOB;
        } else {
            // Removing what the tree does not have is no change.
            TreeEntryHandle entry;
            if (git_tree_entry_bypath(entry.out(), base.get(), update.path.c_str()) != 0) continue;
            change.action = GIT_TREE_UPDATE_REMOVE;
        }
        changes.push_back(change);
    }
    git_oid tree;
    check_git(git_tree_create_updated(&tree, repository, base.get(), changes.size(), changes.data()),
              "cannot build the tree to commit");
    // The trees it wrote: the root and every folder on an updated path.
    impl_->written.push_back(tree);
    std::set<std::string> folders;
    for (const TreeUpdate& update : updates) {
        for (size_t slash = update.path.find('/'); slash != std::string::npos;
             slash = update.path.find('/', slash + 1)) {
            folders.insert(update.path.substr(0, slash));
        }
    }
    TreeHandle written;
    check_git(git_tree_lookup(written.out(), repository, &tree), "cannot read the tree just built");
    for (const std::string& folder : folders) {
        TreeEntryHandle entry;
        if (git_tree_entry_bypath(entry.out(), written.get(), folder.c_str()) != 0) continue;  // emptied, removed
        if (git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE)
            impl_->written.push_back(*git_tree_entry_id(entry.get()));
    }
    return to_object_id(tree);
}

ObjectId CommitWriter::commit(const std::optional<ObjectId>& parent, const ObjectId& tree, const std::string& message) {
    const PendingCommit pending = commit_without_moving(parent, tree, message);
    move_ref_raw(impl_->repository.get(), pending.id, pending.where);
    return pending.id;
}

CommitWriter::PendingCommit CommitWriter::commit_without_moving(const std::optional<ObjectId>& parent,
                                                                const ObjectId& tree, const std::string& message) {
    // The branch HEAD names (or HEAD itself, detached), only if it did not move meanwhile.
    ReferenceHandle head;
    std::string target = "HEAD";
    if (git_reference_lookup(head.out(), impl_->repository.get(), "HEAD") == 0 &&
        git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
        target = git_reference_symbolic_target(head.get());
    }
    const std::string log = std::string(parent ? "commit: " : "commit (initial): ") + subject(message);
    std::vector<ObjectId> parents;
    if (parent) parents.push_back(*parent);
    return {commit(parents, tree, message, RefUpdate{}), {target, parent, log}};  // no ref: packed, not moved
}

ObjectId CommitWriter::commit(const std::vector<ObjectId>& parents, const ObjectId& tree, const std::string& message,
                              const RefUpdate& where) {
    git_repository* repository = impl_->repository.get();
    const SignatureHandle author = signature(repository, "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL");
    const SignatureHandle committer = signature(repository, "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL");
    TreeHandle tree_object;
    const git_oid tree_oid = to_oid(tree);
    check_git(git_tree_lookup(tree_object.out(), repository, &tree_oid), "cannot read the tree to commit");
    std::vector<CommitHandle> parent_commits(parents.size());
    std::vector<const git_commit*> parent_pointers;
    for (size_t i = 0; i < parents.size(); ++i) {
        const git_oid parent_oid = to_oid(parents[i]);
        check_git(git_commit_lookup(parent_commits[i].out(), repository, &parent_oid),
                  "cannot read commit " + parents[i].hex());
        parent_pointers.push_back(parent_commits[i].get());
    }
    const std::string text = message.empty() || message.back() == '\n' ? message : message + "\n";
    git_oid commit_oid;
    check_git(git_commit_create(&commit_oid, repository, nullptr, author.get(), committer.get(), nullptr, text.c_str(),
                                tree_object.get(), parent_pointers.size(), parent_pointers.data()),
              "cannot write the commit");

    impl_->written.push_back(commit_oid);

    // What this writer made into one pack, then the objects leave memory.
    write_objects_as_pack(impl_->odb.get(), impl_->written, pack_folder(repository));
    git_mempack_reset(impl_->mempack);
    impl_->written.clear();

    const ObjectId id = to_object_id(commit_oid);
    if (!where.ref.empty()) move_ref_raw(repository, id, where);
    return id;
}

void move_ref(const Repository& repository, const ObjectId& commit, const RefUpdate& where) {
    move_ref_raw(raw(repository), commit, where);
}

std::optional<std::string> operation_in_progress(const Repository& repository) {
    switch (git_repository_state(raw(repository))) {
        case GIT_REPOSITORY_STATE_MERGE: return "a merge";
        case GIT_REPOSITORY_STATE_REVERT:
        case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert";
        case GIT_REPOSITORY_STATE_CHERRYPICK:
        case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick";
        case GIT_REPOSITORY_STATE_REBASE:
        case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
        case GIT_REPOSITORY_STATE_REBASE_MERGE: return "a rebase";
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "git am";
        default: return std::nullopt;
    }
}

void update_index_entries(const Repository& repository, const std::vector<TreeUpdate>& updates,
                          const std::vector<std::optional<struct stat>>& stats) {
    IndexHandle index;
    check_git(git_repository_index(index.out(), raw(repository)), "cannot open the index");
    check_git(git_index_read(index.get(), 0), "cannot read the index");
    const std::filesystem::path top = repository.paths().workdir;
    for (size_t i = 0; i < updates.size(); ++i) {
        const std::string& path = updates[i].path;
        if (!updates[i].blob) {
            const int rc = git_index_remove_bypath(index.get(), path.c_str());
            if (rc != GIT_ENOTFOUND) check_git(rc, "cannot remove " + path + " from the index");
            continue;
        }
        git_index_entry entry{};
        struct stat info {};
        const bool known = i < stats.size() && stats[i];
        if (known) info = *stats[i];
        if (known || ::lstat((top / path).c_str(), &info) == 0) {
            entry.ctime.seconds = static_cast<int32_t>(info.st_ctim.tv_sec);
            entry.ctime.nanoseconds = static_cast<uint32_t>(info.st_ctim.tv_nsec);
            entry.mtime.seconds = static_cast<int32_t>(info.st_mtim.tv_sec);
            entry.mtime.nanoseconds = static_cast<uint32_t>(info.st_mtim.tv_nsec);
            entry.dev = static_cast<uint32_t>(info.st_dev);
            entry.ino = static_cast<uint32_t>(info.st_ino);
            entry.uid = info.st_uid;
            entry.gid = info.st_gid;
            entry.file_size = static_cast<uint32_t>(info.st_size);
        }
        entry.mode = GIT_FILEMODE_BLOB;
        entry.id = to_oid(*updates[i].blob);
        entry.path = path.c_str();
        check_git(git_index_add(index.get(), &entry), "cannot stage " + path);
    }
    const int written = git_index_write(index.get());
    // libgit2's message for a locked index does not name the file.
    if (written == GIT_ELOCKED) {
        const char* path = git_index_path(index.get());
        check_git(written, "cannot write the index: " + std::string(path ? path : "index") + ".lock exists");
    }
    check_git(written, "cannot write the index");
}

}  // namespace gittd::git
