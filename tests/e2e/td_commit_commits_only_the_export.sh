#!/usr/bin/env bash
# `git td commit` (issue 10): td's state onto HEAD with libgit2, nothing else.
#  - the commit changes only .todos/export; a file staged for the next commit
#    stays staged and an unstaged edit stays in the worktree;
#  - no hook runs; the reflog says "commit: MSG" as git's would;
#  - its objects arrive as one pack, not as loose objects; git fsck is clean;
#  - run again with nothing new: "nothing to commit", HEAD unchanged, exit 0;
#  - a deletion in td is a removal in the commit;
#  - mid-merge it refuses, naming the merge, and changes nothing;
#  - in a repository without commits it makes the first one;
#  - a clone of the result gets the records (git clone + git td init).
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
loose() { find "$repo/.git/objects" -path '*/pack' -prune -o -type f -print | wc -l | tr -d ' '; }
packs() { find "$repo/.git/objects/pack" -name '*.pack' | wc -l | tr -d ' '; }

# Hooks that leave a mark: git td commit must not run them.
mkdir -p "$WORK/marking-hooks"
for hook in pre-commit post-commit commit-msg; do
  printf '#!/bin/sh\ntouch "%s/ran-%s"\n' "$WORK" "$hook" >"$WORK/marking-hooks/$hook"
  chmod +x "$WORK/marking-hooks/$hook"
done
git -C "$repo" config core.hooksPath "$WORK/marking-hooks"

add_issue "$db" td-000001 "First"
add_issue "$db" td-000002 "Second"
echo staged >"$repo/staged.txt" && git -C "$repo" add staged.txt
echo "unstaged edit" >>"$repo/.gitignore"
before=$(git -C "$repo" rev-parse HEAD) loose_before=$(loose) packs_before=$(packs)

"$GIT_TD" -C "$repo" commit -m "Task state" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "git td commit failed"; }
grep -q '^committed ' "$WORK/out" || fail "no 'committed' line: $(cat "$WORK/out")"
assert_eq "$(git -C "$repo" rev-parse HEAD~1)" "$before" "the new commit's parent"
assert_eq "$(git -C "$repo" show --name-only --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  ".todos/export/issues/td-000001.yaml .todos/export/issues/td-000002.yaml " "files in the commit"
assert_eq "$(git -C "$repo" log -1 --format=%s)" "Task state" "commit message"
assert_eq "$(git -C "$repo" diff --cached --name-only)" "staged.txt" "what stays staged"
assert_eq "$(git -C "$repo" diff --name-only)" ".gitignore" "what stays unstaged"
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "git status of the export after the commit"
assert_eq "$(git -C "$repo" reflog -1 --format=%gs)" "commit: Task state" "reflog entry"
assert_eq "$(find "$WORK" -maxdepth 1 -name 'ran-*' | wc -l | tr -d ' ')" 0 "hooks that ran"
assert_eq "$(loose)" "$loose_before" "loose objects after the commit"
assert_eq "$(packs)" "$((packs_before + 1))" "packs after the commit"
git -C "$repo" fsck --strict >/dev/null 2>&1 || fail "git fsck after git td commit"

# Nothing new.
head=$(git -C "$repo" rev-parse HEAD)
"$GIT_TD" -C "$repo" commit >"$WORK/out" 2>&1 || fail "a second git td commit failed"
grep -q 'nothing to commit' "$WORK/out" || fail "no 'nothing to commit': $(cat "$WORK/out")"
assert_eq "$(git -C "$repo" rev-parse HEAD)" "$head" "HEAD after nothing to commit"

# A deletion in td.
sqlite3 "$db" "delete from issues where id = 'td-000002'"
"$GIT_TD" -C "$repo" commit -m "Delete" >/dev/null 2>&1 || fail "git td commit of a deletion failed"
assert_eq "$(git -C "$repo" show --name-status --format= HEAD | tr '\t' ' ')" \
  "D .todos/export/issues/td-000002.yaml" "the deletion in the commit"
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "git status of the export after the deletion"

# Mid-merge.
git -C "$repo" config --unset core.hooksPath
git -C "$repo" commit -q -m "staged file" 2>/dev/null
git -C "$repo" checkout -q -b side 2>/dev/null
echo side >"$repo/staged.txt" && git -C "$repo" commit -q -a -m side 2>/dev/null
git -C "$repo" checkout -q main 2>/dev/null
echo main >"$repo/staged.txt" && git -C "$repo" commit -q -a -m main 2>/dev/null
git -C "$repo" merge -q side >/dev/null 2>&1 && fail "the merge was meant to stop on a conflict"
add_issue "$db" td-000003 "During the merge"
head=$(git -C "$repo" rev-parse HEAD)
status=0
"$GIT_TD" -C "$repo" commit 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || fail "git td commit mid-merge succeeded"
grep -q "in the middle of a merge" "$WORK/err" || fail "mid-merge refusal does not name the merge: $(cat "$WORK/err")"
assert_eq "$(git -C "$repo" rev-parse HEAD)" "$head" "HEAD after the refusal"
git -C "$repo" rev-parse -q --verify MERGE_HEAD >/dev/null || fail "the merge state is gone"
git -C "$repo" merge --abort
"$GIT_TD" -C "$repo" commit -m "After the merge" >/dev/null 2>&1 || fail "git td commit after the abort failed"

# A repository without commits.
fresh=$WORK/fresh
new_repo "$fresh" && empty_td_db "$fresh/.todos/issues.db"
"$GIT_TD" -C "$fresh" init >/dev/null 2>&1 || fail "init failed"
add_issue "$fresh/.todos/issues.db" td-00000a "In a new repository"
"$GIT_TD" -C "$fresh" commit -m "First" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "git td commit without commits failed"; }
assert_eq "$(git -C "$fresh" rev-list --count HEAD)" 1 "commits in the new repository"
assert_eq "$(git -C "$fresh" reflog -1 --format=%gs)" "commit (initial): First" "reflog of the first commit"
git -C "$fresh" cat-file -e HEAD:.todos/export/issues/td-00000a.yaml || fail "the first commit lacks the record"
git -C "$fresh" cat-file -e HEAD:.todos/export/git-td.yaml || fail "the first commit lacks git-td.yaml"

# A clone gets the records.
git clone -q "$repo" "$WORK/clone"
"$GIT_TD" -C "$WORK/clone" init >/dev/null 2>&1 || fail "init in the clone failed"
assert_eq "$(sqlite3 "$WORK/clone/.todos/issues.db" "select id from issues order by id" | tr '\n' ' ')" \
  "td-000001 td-000003 " "issues in the clone"
echo ok
