#pragma once
// Export writes a record file that did not exist in place (O_CREAT|O_EXCL),
// not through a temporary and a rename: at 240k files the rename and the
// second directory cost as much again as the writes (bench/README.md). Only
// a file nobody had can be written so: a reader never meets half of a file
// it knew, and a file that already exists still goes through a temporary
// (decision 115).
//
// What a kill leaves is the price: half of a new file, or a whole one the
// base store never recorded (its transaction rolled back) that the next
// import would take for a record from the tree, a deleted row brought back.
// So every such file is written down before it is created — its path, size
// and a hash of its bytes, one line per file in the worktree's journal —
// and the journal names the export's generation and its base store. The
// export stores that generation in the base store in the transaction that
// records the files, and removes the journal once that transaction is
// committed. A journal found at the start of the next export or import
// (under the worktree's lock) belongs to an export that died: if its
// generation is its base store's, the files were recorded and stay; else
// each listed file that is empty (created, not yet written) or exactly what
// was meant is removed, and nothing else is touched. Only files of one page
// or less are created in place: the kernel copies such a write whole or not
// at all, so a kill never leaves a file cut short (tree_writer.hpp).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "gittd/tree/working_tree.hpp"
#include "gittd/util/confined.hpp"

namespace gittd::tree {

class NewFilesJournal {
  public:
    // `store`: the file name of the base store that will record the files.
    NewFilesJournal(std::filesystem::path path, std::string store) : path_(std::move(path)), store_(std::move(store)) {}

    // Writes down, before the file exists, that `folder`/`name` is about to
    // be created with `bytes` (the journal itself is created on first use).
    void intend(std::string_view folder, std::string_view name, std::string_view bytes);
    // The file `folder`/`name` was not created after all (it existed).
    void cancel(std::string_view folder, std::string_view name);
    // The generation written at the journal's top, once it exists.
    const std::optional<std::string>& generation() const { return generation_; }
    // The files' export is recorded in the base store: the journal goes.
    void remove();

  private:
    void append(const std::string& line);
    std::filesystem::path path_;
    std::string store_;
    UniqueFd fd_;
    std::optional<std::string> generation_;
};

// The generation the base store with file name `store` recorded last.
using RecordedGeneration = std::function<std::optional<std::string>(const std::string& store)>;

// Undoes what a dead export's journal at `path` names, if there is one:
// keeps the files when its base store recorded the journal's generation,
// else removes each listed file of `tree` that is empty or exactly what was
// meant; then removes the journal. Returns how many files
// it removed.
size_t recover_new_files(const std::filesystem::path& path, const WorkingTree& tree,
                         const RecordedGeneration& recorded_generation);

// The base store's meta key for the generation of the last export that
// created files in place.
inline constexpr const char* new_files_generation_key = "new_files_generation";

}  // namespace gittd::tree
