#pragma once
// Where import reads records from: the seam between "a tree of record files"
// and where that tree is kept. Two implementations:
//   - WorkingTree (working_tree.hpp): `.todos/export/` in a checkout, with
//     file stamps so an unchanged file is recognised without being read;
//   - GitTreeSource (git_tree_source.hpp): the export folder of a commit's
//     tree, read through libgit2 without a checkout (sync, history-aware
//     import, `git td diff`).
// A source lists and reads; it never interprets a record. Paths it reports
// are relative to the export tree (`issues/td-a1b2c3.yaml`).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gittd/model/kinds.hpp"
#include "gittd/tree/file_stamp.hpp"

namespace gittd::tree {

// One entry of a kind folder, as listed.
struct SourceEntry {
    std::string_view name;  // the entry's name in the folder, e.g. td-a1b2c3.yaml
    bool regular = true;    // false: a symlink, folder or anything else that is no plain file
    // A cheap identity of the bytes when the source has one (the working
    // tree's stat); nullopt means "read it to know".
    std::optional<FileStamp> stamp;
};

class RecordSource {
  public:
    virtual ~RecordSource() = default;

    // How messages name `relative` (a path inside the export tree): the file's
    // path for a working tree, `<commit>:<path>` for a commit.
    virtual std::string describe(std::string_view relative) const = 0;

    // The bytes of git-td.yaml, or nullopt when the tree has none.
    virtual std::optional<std::string> read_config() const = 0;

    // The names of the folders directly in the tree. Throws Error naming the
    // entry when one is not a plain folder (a symlink is never followed).
    virtual std::vector<std::string> folders() const = 0;

    // Calls visit for every entry of the kind's folder (nothing when the
    // folder does not exist), in no particular order.
    virtual void list(const model::Kind& kind, const std::function<void(const SourceEntry&)>& visit) const = 0;

    // The entry `name` of the kind's folder as list() would report it, or
    // nullopt when there is none: a look at one file without a listing.
    virtual std::optional<SourceEntry> entry(const model::Kind& kind, std::string_view name) const = 0;

    // The bytes of `name` in the kind's folder, or nullopt when it is gone.
    virtual std::optional<std::string> read(const model::Kind& kind, std::string_view name) const = 0;
};

}  // namespace gittd::tree
