#pragma once
// Private to src/gittd/git: includes git2.h, so only the .cpp files of this
// folder may include it (the public headers of git/ keep libgit2 out of every
// other layer). One owning handle for every libgit2 object, the bridge from a
// Repository to its git_repository, and ObjectId <-> git_oid.
#include <git2.h>

#include <cstring>
#include <utility>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::git {

// Owns one libgit2 object and frees it with its own function. Move-only.
// Fill it through out(), as libgit2 returns objects:
//     TreeHandle tree;
//     check_git(git_commit_tree(tree.out(), commit.get()), "...");
template <class T, void (*Free)(T*)>
class Handle {
  public:
    Handle() = default;
    explicit Handle(T* ptr) : ptr_(ptr) {}
    Handle(Handle&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            ptr_ = std::exchange(other.ptr_, nullptr);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    T* get() const { return ptr_; }
    // The slot for a libgit2 out-parameter; frees what was held first, so a
    // handle can be refilled.
    T** out() {
        reset();
        return &ptr_;
    }
    T* release() { return std::exchange(ptr_, nullptr); }
    void reset() {
        if (ptr_) Free(ptr_);
        ptr_ = nullptr;
    }
    explicit operator bool() const { return ptr_ != nullptr; }

  private:
    T* ptr_ = nullptr;
};

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using ConfigHandle = Handle<git_config, git_config_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using OdbHandle = Handle<git_odb, git_odb_free>;
using OdbObjectHandle = Handle<git_odb_object, git_odb_object_free>;
using DiffHandle = Handle<git_diff, git_diff_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using ConflictIteratorHandle = Handle<git_index_conflict_iterator, git_index_conflict_iterator_free>;

// The repository's libgit2 object, borrowed: the Repository keeps owning it.
git_repository* raw(const Repository& repository);

inline git_oid to_oid(const ObjectId& id) {
    git_oid oid;
    static_assert(sizeof oid.id == ObjectId::size);
    std::memcpy(oid.id, id.bytes.data(), ObjectId::size);
    return oid;
}

inline ObjectId to_object_id(const git_oid& oid) {
    ObjectId id;
    std::memcpy(id.bytes.data(), oid.id, ObjectId::size);
    return id;
}

}  // namespace gittd::git
