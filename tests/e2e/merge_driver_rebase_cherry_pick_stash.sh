#!/usr/bin/env bash
# git's other merging commands go through git-td-merge-driver too, and never
# stop for a disagreement the rules resolve:
#  (a) `git rebase`: a two-commit topic (a title, then a description line) is
#      replayed onto a main that retitled the issue and edited another line;
#      rebase swaps the sides, yet the record equals `git merge`'s bytes;
#  (b) `git cherry-pick` of a commit closing an issue that main retitled;
#  (c) `git stash pop` of a label edit over a committed priority change.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
need_shared
need_python

repo=$WORK/repo
driver_repo "$repo"
issue_db "$repo/.todos/issues.db" td-a00001 td-a00002
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
one=$repo/.todos/export/issues/td-a00001.yaml two=$repo/.todos/export/issues/td-a00002.yaml
git -C "$repo" branch topic
git -C "$repo" branch pick

# main: retitles td-a00001 (earlier than topic will) and edits its 7th step; retitles td-a00002.
set_field "$one" title "Title from main"
replace_text "$one" "Step 7: do thing 7 of issue 0." "Step 7: main's version of step seven."
set_field "$one" updated_at '"2026-04-02T08:00:00Z"'
set_field "$two" title "Main's title for two"
set_field "$two" updated_at '"2026-04-02T08:00:00Z"'
commit_in "$repo" "main edits"

# (a) topic: two commits.
git -C "$repo" checkout -q topic
set_field "$one" title "Title from topic"
set_field "$one" updated_at '"2026-04-02T09:00:00Z"'
commit_in "$repo" "topic: retitle"
replace_text "$one" "Step 2: do thing 2 of issue 0." "Step 2: topic's version of step two."
set_field "$one" updated_at '"2026-04-02T09:30:00Z"'
commit_in "$repo" "topic: step two"
git -C "$repo" branch topic-before-rebase

git -C "$repo" rebase -q main >"$WORK/rebase.out" 2>&1 || { cat "$WORK/rebase.out" >&2; fail "(a) rebase stopped"; }
assert_eq "$(git -C "$repo" rev-list --count main..topic)" 2 "(a) both topic commits replayed"
assert_eq "$(field "$one" title)" '"Title from topic"' "(a) the later title"
desc=$(field "$one" description)
[[ $desc == *"Step 2: topic's version of step two."* && $desc == *"Step 7: main's version of step seven."* ]] ||
  fail "(a) both description edits: $desc"
assert_eq "$(conflicts_of "$one")" 'title:"Title from topic":["Title from main", "Title from topic"]' \
  "(a) main's title is kept in conflicts"
# The same two versions merged with git merge (main is ours there, topic theirs in rebase).
git -C "$repo" checkout -q -b merged main
git -C "$repo" merge -q --no-edit topic-before-rebase >/dev/null 2>&1 || fail "(a) merge of the same branches"
git -C "$repo" show topic:.todos/export/issues/td-a00001.yaml >"$WORK/rebased"
git -C "$repo" show merged:.todos/export/issues/td-a00001.yaml >"$WORK/merged"
cmp -s "$WORK/rebased" "$WORK/merged" || { diff "$WORK/rebased" "$WORK/merged" >&2; fail "(a) rebase and merge differ"; }

# (b) pick: closes td-a00002; cherry-picked onto main, which retitled it.
git -C "$repo" checkout -q pick
set_field "$two" status closed
set_field "$two" closed_at '"2026-04-03T10:00:00Z"'
set_field "$two" closed_by_session ses_bbbbbb
set_field "$two" updated_at '"2026-04-03T10:00:00Z"'
commit_in "$repo" "close td-a00002"
git -C "$repo" checkout -q main
git -C "$repo" cherry-pick pick >"$WORK/pick.out" 2>&1 || { cat "$WORK/pick.out" >&2; fail "(b) cherry-pick stopped"; }
assert_eq "$(field "$two" title)" '"Main'"'"'s title for two"' "(b) main's title"
assert_eq "$(field "$two" status)" '"closed"' "(b) the picked status"
assert_eq "$(field "$two" closed_at)" '"2026-04-03T10:00:00Z"' "(b) the picked closed_at"
assert_eq "$(conflicts_of "$two")" "" "(b) no disagreement"

# (c) an uncommitted label edit, stashed; a committed priority change; pop.
set_field "$one" updated_at '"2026-04-04T10:00:00Z"'
replace_text "$one" "  - beta" "  - beta
  - gamma"
git -C "$repo" stash -q
set_field "$one" priority P0
set_field "$one" updated_at '"2026-04-04T09:00:00Z"'
commit_in "$repo" "priority"
git -C "$repo" stash pop -q >"$WORK/stash.out" 2>&1 || { cat "$WORK/stash.out" >&2; fail "(c) stash pop conflicted"; }
assert_eq "$(field "$one" priority)" '"P0"' "(c) the committed priority"
assert_eq "$(field "$one" labels)" '["alpha", "beta", "gamma"]' "(c) the stashed label"
assert_eq "$(field "$one" updated_at)" '"2026-04-04T10:00:00Z"' "(c) the later updated_at"
assert_eq "$(git -C "$repo" stash list | wc -l | tr -d ' ')" 0 "(c) the stash is dropped"
echo "PASS"
