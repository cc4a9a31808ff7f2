#!/usr/bin/env bash
# An export that was never committed, then thrown away by git: td keeps the
# edit, and the next commit writes it back (DESIGN §3: files git puts back
# as they were in HEAD are a step back, never an edit). The real td v0.62.0
# makes every edit; after each step tdread exits 0 and shows every edit, and
# `td list --all --json` and `td show ID --json` work.
#  (1) A td edit, then `git commit` with nothing staged: the pre-commit hook
#      exports and stages the tree, and git (2.39) still says "nothing to
#      commit" (it decided before the hook ran; the scenario prints which it
#      saw). The export stays staged; `git stash` takes it away, and after
#      `git td import` td still has the edit and the next commit carries it.
#  (2) `git td export`, `git stash` (the new log file stays: it is
#      untracked), `git td import`, a commit: td keeps the edit and the
#      commit carries it; `git stash pop` afterwards applies cleanly (the
#      same change) and changes nothing in td.
#  (3) The same with `git stash -u` (the new log file goes too).
#  (4) The same with `git reset --hard`, committing at once (no import by
#      hand: the pre-commit hook sees the files stepped back and exports over
#      them).
#  (5) The same with `git checkout -- .todos/export`, committing at once.
#  (6) Pushed, a second clone gets every edit.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

a=$WORK/alice b=$WORK/bob
first_clone "$a"
td_create "$a" "Issue edited and stashed away" && x=$NEW_ID
td_create "$a" "Another issue, closed in a stash" && y=$NEW_ID
commit_td "$a" "two issues"
verify_td "$a" "setup"

# import_ok WHEN: `git td import` in alice's clone, without warnings.
import_ok() {
  "$GIT_TD" -C "$a" import >"$WORK/import.out" 2>"$WORK/import.err" ||
    { cat "$WORK/import.out" "$WORK/import.err" >&2; fail "$1: git td import failed"; }
  ! grep -q "warning" "$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "$1: warnings from git td import"; }
}
# head_has ID FIELD VALUE WHEN: HEAD's record file of issue ID has FIELD: VALUE.
head_has() {
  git -C "$a" show "HEAD:.todos/export/issues/$1.yaml" | grep -qx "$2: $3" ||
    { git -C "$a" show "HEAD:.todos/export/issues/$1.yaml" >&2; fail "$4: HEAD does not carry $2 '$3' of $1"; }
}
# head_has_log MESSAGE WHEN: a log file in HEAD has MESSAGE.
head_has_log() {
  git -C "$a" grep -q -F "message: $1" HEAD -- .todos/export/logs || fail "$2: HEAD does not carry the log '$1'"
}
clean_tree() { assert_eq "$(git -C "$a" status --porcelain)" "" "$1: git status"; }

# (1) git commit with only a td edit.
td_retitle "$a" "$x" "Retitled, then git commit with nothing staged"
before=$(git -C "$a" rev-parse HEAD)
if git -C "$a" commit -q -m "only a td edit" >"$WORK/commit.out" 2>&1; then
  echo "(1) git commit with only a td edit made a commit"
  [ "$(git -C "$a" rev-parse HEAD)" != "$before" ] || fail "(1) git commit succeeded but HEAD did not move"
else
  echo "(1) git commit with only a td edit made no commit: $(tr '\n' ' ' <"$WORK/commit.out")"
  assert_eq "$(git -C "$a" rev-parse HEAD)" "$before" "(1) HEAD after a failed commit"
  assert_eq "$(git -C "$a" diff --cached --name-only)" ".todos/export/issues/$x.yaml" "(1) what the hook staged"
  verify_td "$a" "(1) after the commit git refused"
  git_ok "$a" stash
  verify_td "$a" "(1) after git stash"
  import_ok "(1)"
  verify_td "$a" "(1) after the import"
  commit_td "$a" "the td edit"
fi
head_has "$x" title "Retitled, then git commit with nothing staged" "(1)"
verify_td "$a" "(1) after the commit"
clean_tree "(1)"
git -C "$a" stash clear

# edit_and_export WHEN N: td retitles x and logs, git td export writes it
# (the commands that follow throw the export away).
edit_and_export() {
  td_retitle "$a" "$x" "Retitle $2, exported and thrown away"
  td_log "$a" "$x" "Log $2, exported and thrown away"
  "$GIT_TD" -C "$a" export >/dev/null 2>"$WORK/export.err" || { cat "$WORK/export.err" >&2; fail "$1: export failed"; }
  git -C "$a" diff --quiet -- ".todos/export/issues/$x.yaml" && fail "$1: export did not write $x"
  verify_td "$a" "$1: after the export"
}
# import_and_commit WHEN N [no-import]: td kept edit N; import (unless
# no-import: the pre-commit hook alone must notice the step back) and commit;
# HEAD carries it.
import_and_commit() {
  verify_td "$a" "$1: after throwing the export away"
  if [ "${3:-}" != no-import ]; then
    import_ok "$1"
    verify_td "$a" "$1: after git td import"
  fi
  commit_td "$a" "$1"
  head_has "$x" title "Retitle $2, exported and thrown away" "$1"
  head_has_log "Log $2, exported and thrown away" "$1"
  verify_td "$a" "$1: after the commit"
  clean_tree "$1"
}

# (2) git stash; later git stash pop.
edit_and_export "(2)" 2
git_ok "$a" stash
grep -q "^title: Retitled, then git commit" "$a/.todos/export/issues/$x.yaml" || fail "(2) git stash left the file"
import_and_commit "(2)" 2
git_ok "$a" stash pop
verify_td "$a" "(2) after git stash pop"
clean_tree "(2) after git stash pop"

# (3) git stash -u: the new log file goes too.
edit_and_export "(3)" 3
td_close "$a" "$y"
"$GIT_TD" -C "$a" export >/dev/null 2>&1 || fail "(3) export failed"
git_ok "$a" stash -u
assert_eq "$(git -C "$a" status --porcelain)" "" "(3) git status after git stash -u"
import_and_commit "(3)" 3
head_has "$y" status closed "(3)"
git_ok "$a" stash drop

# (4) git reset --hard.
edit_and_export "(4)" 4
git_ok "$a" reset -q --hard
import_and_commit "(4)" 4 no-import

# (5) git checkout -- .todos/export.
edit_and_export "(5)" 5
git_ok "$a" checkout -- .todos/export
import_and_commit "(5)" 5 no-import

# (6) Another clone gets it all.
git_ok "$a" push -q
next_clone "$b"
verify_td "$b" "(6) in a fresh clone"
echo "PASS"
