#pragma once
// Which records an import has to look at, found from git rather than from a
// stat of every file (DESIGN §3: "changed records are found from git
// itself", so a hook's import costs milliseconds at any size).
//
// The base store is *settled* at a commit (its meta `settled_at`): every
// record whose agreed version is not that commit's file is in the store's
// unsettled list (base_store.hpp; a trigger adds every record import or
// export changes). Settling at HEAD looks only at the unsettled records and
// at the record paths `git diff <settled>..HEAD` names, and keeps unsettled
// exactly those whose agreed version is not HEAD's file. In a working tree
// that git keeps as HEAD has it — what the hooks see right after a checkout,
// merge, rebase or commit — every other record's file is its agreed version,
// so the unsettled records are all an import has to look at: what arrived,
// what export wrote and no commit carries yet (also when a stash or a reset
// put the old file back), and what moving HEAD put back since the settled
// commit.
//
// What reaches the worktree without moving HEAD — a hand edit, `stash pop`,
// `restore --source` — is not seen this way; `git td import` scans every
// file's stamp and finds it, and so does the hook after `merge --squash`
// (decision 74).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gittd/exchange/base_store.hpp"
#include "gittd/git/object_id.hpp"
#include "gittd/git/repository.hpp"

namespace gittd::exchange {

// Record ids by kind folder.
struct FeedCandidates {
    std::map<std::string, std::set<std::string>> ids;
    size_t size() const;
};

// What settling found, written to the store only by record_settlement, in
// the same transaction as the import's own base changes: an import that
// fails or is refused leaves the store as it was.
struct Settlement {
    std::optional<git::ObjectId> head;  // the commit settled at (nullopt: none, nothing to record)
    // Every record compared with HEAD's files, and whether it agrees.
    std::vector<std::pair<RecordKey, bool>> agreement;
    // The records an import must look at, or nullopt when git cannot answer
    // and every file must be scanned: no commit yet, or the diff touched a
    // folder that is no kind, an unsafe name or a symlink, or HEAD's export
    // folder does not read (a change of git-td.yaml alone does not count:
    // decision 99).
    std::optional<FeedCandidates> candidates;
    // Whether recording it changes the store: a no-op import at a settled
    // HEAD writes nothing.
    bool changes_store = false;
    bool recorded = false;
    // The store's data_version when read: if another process wrote to it
    // since, the settlement is not recorded (it might undo that write's marks).
    std::uint64_t data_version = 0;
};

// Settles `base` at `head` (the export folder at `export_path` from the
// repository's top) and lists what is left unsettled, reading only. Without
// a settled commit (a new or older store, or one rebased away and pruned)
// every record of the store and of HEAD is compared, once. Never throws for
// a tree that does not read: that is the full scan's to report.
Settlement settle_at_head(const git::Repository& repository, const std::string& export_path, BaseStore& base,
                          const std::optional<git::ObjectId>& head);

// Writes the settlement into `base`, inside the caller's transaction and
// before any other change of it (the trigger marks those unsettled again).
void record_settlement(BaseStore& base, Settlement& settlement);

}  // namespace gittd::exchange
