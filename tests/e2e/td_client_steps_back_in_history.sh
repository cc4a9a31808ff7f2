#!/usr/bin/env bash
# Time runs forward for td (DESIGN §3), with the real td v0.62.0 making every
# edit and git's hooks doing every import: no step back in history reverts or
# deletes anything td holds. After each step, tdread (td's own loader and
# checks) exits 0 and shows every edit, and `td list --all --json` and
# `td show ID --json` work.
#  (1) td edits after commit A (a new issue, a retitle, a close, a log),
#      commit B; `git checkout A` (detached: the files go back) keeps every B
#      edit and every local row (issue_session_history, action_log: the
#      import writes nothing); `git checkout main` again changes nothing
#      either, and a commit then carries no record file (td and the tree
#      agree).
#  (2) `git bisect` over four commits that carry td edits, by hand (good/bad)
#      and with `git bisect run`, then `git bisect reset`: td's view is the
#      same at every step.
#  (3) `git reset --hard HEAD~1` after a commit that carried td edits (git
#      runs no hook): td keeps them; after `git td import` (the step back
#      seen) the next commit carries them again.
#  (4) A linked worktree at an old tag (`git worktree add ../old v1`): td,
#      which shares its database with the worktree, keeps every title and
#      status edited after v1 and deletes nothing, after `worktree add`, an
#      import and checkouts in the worktree, and `worktree remove`.
#  (5) Pushed, a second clone (`git clone`, `git td init`) gets all of it.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

a=$WORK/alice b=$WORK/bob
first_clone "$a"

# (1) Commit A, then td edits and commit B.
td_create "$a" "Issue made before commit A" && x=$NEW_ID
td_create "$a" "Second issue made before A" && y=$NEW_ID
td_log "$a" "$x" "Log written before commit A"
commit_td "$a" "A: two issues"
git_ok "$a" tag v1
verify_td "$a" "(1) at commit A"
td_create "$a" "Issue made after commit A" && z=$NEW_ID
td_retitle "$a" "$x" "Retitled after commit A"
td_close "$a" "$y"
td_log "$a" "$x" "Log written after commit A"
commit_td "$a" "B: a new issue, a retitle, a close, a log"
verify_td "$a" "(1) at commit B"
rows=$(local_rows "$a")

git_ok "$a" checkout v1
[ ! -e "$a/.todos/export/issues/$z.yaml" ] || fail "(1) git did not check out A's tree"
grep -q "^title: Issue made before commit A$" "$a/.todos/export/issues/$x.yaml" || fail "(1) A's file for $x"
verify_td "$a" "(1) after checkout of A"
assert_eq "$(local_rows "$a")" "$rows" "(1) local rows after checkout of A"
git_ok "$a" checkout main
verify_td "$a" "(1) back on main"
assert_eq "$(local_rows "$a")" "$rows" "(1) local rows back on main"
commit_td "$a" "nothing new"
assert_eq "$(git -C "$a" show --name-only --format= HEAD)" "" "(1) files in a commit back on main"
git_ok "$a" reset -q --soft HEAD^

# (2) Bisect: four commits, each with a td edit; the code breaks at the third.
good=$(git -C "$a" rev-parse HEAD)
for i in 1 2 3 4; do
  if [ "$i" -ge 3 ]; then echo "code v$i bug" >"$a/code.txt"; else echo "code v$i" >"$a/code.txt"; fi
  td_log "$a" "$z" "Bisect round $i"
  td_retitle "$a" "$z" "Issue made after A, round $i"
  git_ok "$a" add code.txt
  commit_td "$a" "code v$i"
done
first_bad=$(git -C "$a" rev-parse HEAD~1)
verify_td "$a" "(2) before bisect"
rows=$(local_rows "$a")
git_ok "$a" bisect start main "$good"
for _ in 1 2 3 4 5; do
  verify_td "$a" "(2) bisect at $(git -C "$a" rev-parse --short HEAD)"
  if grep -q bug "$a/code.txt"; then git_ok "$a" bisect bad; else git_ok "$a" bisect good; fi
  grep -q "is the first bad commit" "$WORK/git.out" && break
done
grep -q "^$first_bad is the first bad commit" "$WORK/git.out" || { cat "$WORK/git.out" >&2; fail "(2) bisect by hand found no first bad commit"; }
git_ok "$a" bisect reset
verify_td "$a" "(2) after bisect reset"
assert_eq "$(local_rows "$a")" "$rows" "(2) local rows after bisect"

# git bisect run: the test script records tdread's view at every step.
jq -S '[.issues[] | {id, title, status}], [.logs[] | .message]' "$WORK/dump.json" >"$WORK/view.json"
cat >"$WORK/bisect-step.sh" <<EOF
#!/bin/sh
n=\$(ls "$WORK/steps" | wc -l)
"$TDREAD" -o "$WORK/steps/\$n.json" "$a/.todos/issues.db" 2>/dev/null || echo "\$n" >>"$WORK/tdread-failed"
! grep -q bug code.txt
EOF
mkdir "$WORK/steps"
git_ok "$a" bisect start main "$good"
git_ok "$a" bisect run sh "$WORK/bisect-step.sh"
grep -q "^$first_bad is the first bad commit" "$WORK/git.out" || { cat "$WORK/git.out" >&2; fail "(2) bisect run found no first bad commit"; }
git_ok "$a" bisect reset
[ ! -e "$WORK/tdread-failed" ] || fail "(2) tdread failed during bisect run"
[ "$(count_files "$WORK/steps")" -ge 2 ] || fail "(2) bisect run ran its script $(count_files "$WORK/steps") times"
for step in "$WORK"/steps/*.json; do
  jq -S '[.issues[] | {id, title, status}], [.logs[] | .message]' "$step" | diff "$WORK/view.json" - >&2 ||
    fail "(2) td's view changed during bisect run ($(basename "$step"))"
done
verify_td "$a" "(2) after bisect run"
assert_eq "$(local_rows "$a")" "$rows" "(2) local rows after bisect run"

# (3) reset --hard HEAD~1 after a commit that carried td edits.
td_retitle "$a" "$x" "Retitled in the commit reset away"
td_start "$a" "$z"
td_log "$a" "$z" "Log in the commit reset away"
commit_td "$a" "C: td edits, reset away"
git_ok "$a" reset -q --hard HEAD~1
grep -q "^title: Retitled after commit A$" "$a/.todos/export/issues/$x.yaml" || fail "(3) git did not reset the file of $x"
verify_td "$a" "(3) after reset --hard"
"$GIT_TD" -C "$a" import >/dev/null 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "(3) import after the reset"; }
verify_td "$a" "(3) after git td import"
td_comment "$a" "$x" "A comment after the reset"
commit_td "$a" "D: a comment after the reset"
git -C "$a" show "HEAD:.todos/export/issues/$x.yaml" | grep -q "^title: Retitled in the commit reset away$" ||
  fail "(3) the commit after the reset does not carry the retitle td kept"
git -C "$a" show "HEAD:.todos/export/issues/$z.yaml" | grep -q "^status: in_progress$" ||
  fail "(3) the commit after the reset does not carry the status td kept"
verify_td "$a" "(3) after the next commit"

# (4) A linked worktree at v1.
rows=$(local_rows "$a")
git_ok "$a" worktree add -q ../old v1
grep -q "^title: Issue made before commit A$" "$WORK/old/.todos/export/issues/$x.yaml" || fail "(4) the worktree is not at v1"
verify_td "$a" "(4) after worktree add"
# td itself works there: the worktree's .todos/ holds only the tree, and the
# post-checkout hook of `worktree add` pointed td at the main worktree (.td-root).
td_in "$WORK/old" list --all --json >"$WORK/old-list.json"
assert_eq "$(jq length "$WORK/old-list.json")" "$(td_in "$a" list --all --json | jq length)" "(4) td list in the old worktree"
assert_eq "$(git -C "$WORK/old" status --porcelain)" "" "(4) git status in the old worktree (.td-root is excluded)"
assert_eq "$(local_rows "$a")" "$rows" "(4) local rows after worktree add"
"$GIT_TD" -C "$WORK/old" import >/dev/null 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "(4) import in the old worktree"; }
verify_td "$a" "(4) after an import in the old worktree"
git_ok "$WORK/old" checkout -q --detach main
git_ok "$WORK/old" checkout -q --detach v1
verify_td "$a" "(4) after checkouts in the old worktree"
git_ok "$a" worktree remove "$WORK/old"
verify_td "$a" "(4) after worktree remove"
assert_eq "$(local_rows "$a")" "$rows" "(4) local rows after the worktree"

# (5) A second clone gets everything.
git_ok "$a" push -q
next_clone "$b"
verify_td "$b" "(5) in a fresh clone"
echo "PASS"
