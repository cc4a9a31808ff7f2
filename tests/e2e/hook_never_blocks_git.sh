#!/usr/bin/env bash
# A td problem never blocks git: the hook warns on stderr, naming the command
# to run by hand, and git goes on (exit 0 from the hook):
#  (a) a broken td database: `git commit` succeeds, 'git td export' is named;
#  (b) git-td missing from PATH: `git commit` succeeds with a warning;
#  (c) export's guard (an empty database over a full tree): the commit
#      succeeds, keeps the record files, and 'git td export --force' is named;
#  (d) import's guard (a branch that deletes most records): the checkout
#      succeeds, td keeps its rows, and 'git td import --force' is named;
#  (e) a broken database after `git merge`: the merge succeeds, 'git td
#      import' is named;
#  (f) a hook name this git-td does not know (a newer shim) does nothing.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
for n in 1 2 3 4; do add_issue "$db" "td-00000$n" "Issue $n"; done
git -C "$repo" commit -q --allow-empty -m "four issues" 2>/dev/null || fail "first commit failed"
cp "$db" "$WORK/good.db"

commit_something() {  # NAME: commits a code change, its stderr in $WORK/NAME.err
  echo "$1" >>"$repo/code.txt"
  git -C "$repo" add code.txt
  git -C "$repo" commit -q -m "$1" 2>"$WORK/$1.err" || { cat "$WORK/$1.err" >&2; fail "$1: git commit failed"; }
}

# (a)
printf 'this is not a sqlite database, just bytes\n%.0s' {1..100} >"$db"
commit_something broken-db
grep -q "^git-td: warning: pre-commit hook: .*run 'git td export' by hand" "$WORK/broken-db.err" ||
  { cat "$WORK/broken-db.err" >&2; fail "(a) no warning naming 'git td export'"; }
cp "$WORK/good.db" "$db"

# (b)
(
  PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$(dirname "$GIT_TD")" | paste -sd:)
  command -v git-td >/dev/null && skip "another git-td is on PATH"
  commit_something no-git-td
)
grep -q "git-td: warning: git-td is not on PATH" "$WORK/no-git-td.err" || fail "(b) no warning about PATH"

# (c)
sqlite3 "$db" "delete from issues"
commit_something empty-db
grep -q "run 'git td export --force' by hand" "$WORK/empty-db.err" ||
  { cat "$WORK/empty-db.err" >&2; fail "(c) no warning naming 'git td export --force'"; }
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD .todos/export/issues | wc -l | tr -d ' ')" 4 \
  "(c) record files in the commit"
cp "$WORK/good.db" "$db"

# (d)
git -C "$repo" checkout -q -b cleanup 2>/dev/null
git -C "$repo" rm -q .todos/export/issues/td-00000{1,2,3}.yaml
git -C "$repo" commit -q --no-verify -m "remove three of four"
git -C "$repo" checkout -q main 2>/dev/null
git -C "$repo" checkout -q cleanup 2>"$WORK/guard.err" || fail "(d) checkout failed"
grep -q "run 'git td import --force' by hand" "$WORK/guard.err" ||
  { cat "$WORK/guard.err" >&2; fail "(d) no warning naming 'git td import --force'"; }
assert_eq "$(sqlite3 "$db" "select count(*) from issues")" 4 "(d) issues in td after the refused import"
git -C "$repo" checkout -q main 2>/dev/null

# (e)
git -C "$repo" checkout -q -b side 2>/dev/null
commit_something side-change
git -C "$repo" checkout -q main 2>/dev/null
printf 'garbage' >"$db"
git -C "$repo" merge -q --no-edit side 2>"$WORK/merge.err" || { cat "$WORK/merge.err" >&2; fail "(e) merge failed"; }
grep -q "^git-td: warning: post-merge hook: .*run 'git td import' by hand" "$WORK/merge.err" ||
  { cat "$WORK/merge.err" >&2; fail "(e) no warning naming 'git td import'"; }

# (f)
out=$(cd "$repo" && "$GIT_TD" hook pre-push origin url 2>&1) || fail "(f) an unknown hook failed"
assert_eq "$out" "" "(f) output of an unknown hook"
