# shellcheck shell=bash
# Helpers for the `git td resolve` scenarios (source after common.sh and
# merge_driver.sh): repositories whose clone has no merge driver configured,
# as a clone that never ran `git td init` (or a git host) merges.

# plain_repo DIR: driver_repo's tree and .gitattributes, without the driver
# in the clone's config: git falls back to its line merge.
plain_repo() { driver_repo "$1" && git -C "$1" config --remove-section merge.td-record; }

# with_driver DIR: configures the merge driver in DIR's clone config.
with_driver() {
  git -C "$1" config merge.td-record.name "git-td record merge"
  git -C "$1" config merge.td-record.driver "'$GIT_TD_MERGE_DRIVER' %O %A %B %L %P"
}

# state DIR: the worktree's files and the index, as hashes (equal exactly when nothing changed).
state() { snapshot "$1/.todos/export"; sha256sum "$1/.git/index"; git -C "$1" ls-files --stage; }

# clone_with_work ORIGIN NAME SQL: clones ORIGIN into $WORK/NAME with its own td
# database (imported from the tree), applies SQL, exports and commits.
clone_with_work() {
  git clone -q "$1" "$WORK/$2" && mkdir -p "$WORK/$2/.todos" && empty_td_db "$WORK/$2/.todos/issues.db"
  "$GIT_TD" -C "$WORK/$2" import >/dev/null || fail "$2: first import"
  sqlite3 "$WORK/$2/.todos/issues.db" "$3"
  "$GIT_TD" -C "$WORK/$2" export >/dev/null || fail "$2: export"
  commit_in "$WORK/$2" "$2's work"
}
