#!/usr/bin/env bash
# A `kill -9` that lands while git or git-td holds a lock leaves the .lock
# file (the crash trials found it: tests/crash/kill_trials.sh). Like git,
# `git td commit` never removes a lock it cannot prove stale; it stops,
# names the file, says what to do, and HEAD stays where it was:
#  (a) the index's lock (index.lock): the index is as it was too;
#  (b) a branch's lock (refs/heads/main.lock): the index was written first,
#      as git does, so it holds td's files staged onto HEAD (as after a
#      kill there: td_commit_killed_before_the_branch_moves.sh);
#  (c) once the file is gone, the same command commits.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "Issue 1"
head=$(git -C "$repo" rev-parse HEAD)

for lock in index.lock refs/heads/main.lock; do
  : >"$repo/.git/$lock"
  index_before=$(sha256sum <"$repo/.git/index")
  if "$GIT_TD" -C "$repo" commit -m "td" >/dev/null 2>"$WORK/err"; then fail "$lock: git td commit succeeded"; fi
  grep -qF ".git/$lock" "$WORK/err" || fail "$lock: the error does not name the lock file: $(cat "$WORK/err")"
  grep -qF "remove that .lock file and run the command again" "$WORK/err" ||
    fail "$lock: the error does not say what to do: $(cat "$WORK/err")"
  assert_eq "$(git -C "$repo" rev-parse HEAD)" "$head" "$lock: HEAD after the refused commit"
  if [ "$lock" = index.lock ]; then
    assert_eq "$(sha256sum <"$repo/.git/index")" "$index_before" "$lock: the index after the refused commit"
  else
    assert_eq "$(git -C "$repo" diff --cached --name-only)" ".todos/export/issues/td-000001.yaml" \
      "$lock: what the index holds staged"
  fi
  [ -e "$repo/.git/$lock" ] || fail "$lock: git-td removed a lock it did not take"
  rm "$repo/.git/$lock"
done

"$GIT_TD" -C "$repo" commit -m "td" >/dev/null 2>"$WORK/err" || fail "commit after the locks went: $(cat "$WORK/err")"
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD .todos/export/issues)" ".todos/export/issues/td-000001.yaml" \
  "what the commit holds"
git -C "$repo" fsck --strict --no-dangling >/dev/null 2>&1 || fail "git fsck"
echo ok
