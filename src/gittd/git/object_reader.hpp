#pragma once
// A handle of its own on a repository's object database, for one worker
// thread: libgit2's handles are not shared between threads, so a thread that
// reads blobs beside the Repository opens one of these.
#include <memory>
#include <optional>
#include <string>

#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

struct git_odb;

namespace gittd::git {

class ObjectReader {
  public:
    // Opens the object database of `repository` on disk (alternates
    // included). Objects held only in memory by a CommitWriter are not seen.
    explicit ObjectReader(const Repository& repository);
    ObjectReader(ObjectReader&&) noexcept;
    ObjectReader& operator=(ObjectReader&&) noexcept;
    ~ObjectReader();

    // The bytes of blob `id`, or nullopt when this handle cannot read it as a
    // blob (the caller asks the Repository, which names the problem). Blobs
    // over `limit` bytes are refused before they are read.
    std::optional<std::string> read_blob(const ObjectId& id, size_t limit) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The error a blob over the limit of one record gives, wherever it is read.
[[noreturn]] void refuse_oversize_blob(const ObjectId& id, size_t size, size_t limit);

}  // namespace gittd::git
