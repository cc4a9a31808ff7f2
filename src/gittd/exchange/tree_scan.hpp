#pragma once
// The first step of an import: which records of a tree changed since the
// base. A file whose stamp is the base store's is not read at all; every
// other file is read and checked (syntax, conflict markers, types, the id
// against the file name), and any problem is reported naming the file and
// line; the import then rolls back, so the database is as it was.
//
// With a history base (DESIGN §3: the tree of the merge base of the agreed
// commit and HEAD), a file changed only if it differs both from what the
// database last agreed (the base store) and from its version in that commit:
// a file git put back as it was there (a checkout of an older commit, a
// stash, a reset) is a step back, never an edit, and a file missing there
// and here was never removed. The three-way base of a changed record is then
// its version in that commit. Without one (no agreed commit yet) the base
// store is the base, and a missing file is never a deletion.
//
// Files in the format git-td.yaml does not name are what is left of the other
// format after a switch arrived (decision 67): one that is as this clone last
// agreed is no change (export converts it), a changed one is read in its own
// format, and the history base may hold a record in either format.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gittd/exchange/base_store.hpp"
#include "gittd/exchange/tree_feed.hpp"
#include "gittd/format/codec.hpp"
#include "gittd/format/document.hpp"
#include "gittd/model/kinds.hpp"
#include "gittd/tree/record_source.hpp"
#include "gittd/util/diagnostics.hpp"
#include "gittd/util/progress.hpp"

namespace gittd::exchange {

// One record whose tree file changed (or vanished) since base.
struct TreeChange {
    std::string id;
    std::optional<format::Document> tree;  // nullopt: the file was removed
    std::optional<format::Document> base;  // nullopt: never agreed (new on this side)
    std::optional<FileStamp> stamp;        // the file's stamp, when the source has stamps
    // The base store's record, when it is not `base`: its conflicts list is
    // the database side's (td's rows hold none).
    std::optional<format::Document> agreed = std::nullopt;
};

// A file that reads as the agreed record under a new stamp (touched, or
// checked out again): nothing to import, only the base's stamp to refresh.
struct Restamp {
    std::string id, record;
    FileStamp stamp;
    // Whether its bytes are the record's canonical file in the tree's
    // format; if not (quoted otherwise, the other format), export rewrites it.
    bool canonical = true;
};

// A file that is as the history base has it but not as the database last
// agreed (a step back in history), or absent in both: nothing to import. The
// base store keeps the agreed record under this stamp (absent: FileStamp{})
// and forgets its row digest, so that the next export writes the database's
// version over the file again.
struct SteppedBack {
    std::string id;
    FileStamp stamp;
    // The file's record, when the base store has no entry to keep (a new
    // worktree at an old commit): it becomes the entry.
    std::optional<std::string> record;
};

struct KindScan {
    const model::Kind* kind = nullptr;
    std::vector<TreeChange> changes;  // sorted by id
    std::vector<Restamp> restamped;
    std::vector<SteppedBack> stepped_back = {};
    // Whether this is the kind's last part (TreeScanner hands a kind over in
    // parts): only it holds the restamped and stepped-back files.
    bool last_part = true;
};

struct ScanCounts {
    size_t files = 0;       // record files in the tree
    size_t files_read = 0;  // files whose stamp changed since base (the others are not read)
    // Told of the files of each kind looked at ("importing issues", …): an
    // import writes a kind's parts as it reads them (import_pipeline.hpp).
    Progress progress;
};

// Scans `source` against `base` and, when given, the history base
// `history` (a commit's tree), one kind at a time (an import holds one
// kind's records at once): every file, or with `only` just the records the
// tree feed named (tree_feed.hpp). Throws Error naming the file for a folder
// that is no kind (when constructed), an entry that is no plain file, a
// changed file of the other format beside the record's current file, an
// unsafe name, or a record that does not read or check.
class TreeScanner {
  public:
    TreeScanner(const tree::RecordSource& source, format::Format format, BaseStore& base,
                const tree::RecordSource* history, ScanCounts& counts, Diagnostics& diagnostics,
                const FeedCandidates* only = nullptr);
    // Scans one kind, handing it to `take` in parts of at most `part_size`
    // changes, each sorted by id; the last part (there is always one) also
    // holds the restamped and stepped-back files.
    void scan(const model::Kind& kind, size_t part_size, const std::function<void(KindScan)>& take);

  private:
    const tree::RecordSource& source_;
    format::Format format_;
    BaseStore& base_;
    const tree::RecordSource* history_;
    ScanCounts& counts_;
    Diagnostics& diagnostics_;
    const FeedCandidates* only_;
};

}  // namespace gittd::exchange
