#!/usr/bin/env bash
# `git td resolve` in a clone without the merge driver: two branches edit
# different fields and lines of one issue and both retitle it; git's line
# merge conflicts. Resolve leaves no conflict in the index, the file holds both
# edits and the later title with the earlier one in `conflicts`, `git commit`
# succeeds, and the bytes equal what the driver gives in a configured clone
# doing the same merge. --output json reports the step.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python

repo=$WORK/repo
plain_repo "$repo"
issue_db "$repo/.todos/issues.db" td-a00001
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
record=.todos/export/issues/td-a00001.yaml one=$repo/$record
git -C "$repo" branch right
git -C "$repo" checkout -q -b left
set_field "$one" priority P1
set_field "$one" title "Title from the left"
replace_text "$one" "Step 1: do thing 1 of issue 0." "Step 1: do the first thing, carefully."
set_field "$one" updated_at '"2026-04-02T10:00:00Z"'
commit_in "$repo" "left edits"
git -C "$repo" checkout -q right
set_field "$one" status in_progress
set_field "$one" title "Title from the right"
replace_text "$one" "Step 8: do thing 8 of issue 0." "Step 8: ship it."
set_field "$one" updated_at '"2026-04-02T11:00:00Z"'
commit_in "$repo" "right edits"
git -C "$repo" checkout -q left

# The same merge in a configured copy of the clone: the driver's bytes.
cp -a "$repo" "$WORK/configured"
with_driver "$WORK/configured"
git -C "$WORK/configured" merge -q --no-edit right 2>/dev/null || fail "the driver did not merge cleanly"

if git -C "$repo" merge --no-edit right >/dev/null 2>&1; then fail "the line merge did not conflict"; fi
assert_eq "$(unmerged "$repo")" "$record" "conflicted before resolve"

json=$("$GIT_TD" -C "$repo" resolve --output json) || fail "resolve exited $?"
assert_eq "$(unmerged "$repo")" "" "conflicts left after resolve"
assert_eq "$(jq -r '[.ok, .resolved, .unresolved] | @tsv' <<<"$json")" "true	1	0" "the JSON summary"
assert_eq "$(jq -r '.steps[0] | [.path, .action, .resolved] | @tsv' <<<"$json")" "$record	merged	true" "the step"

assert_eq "$(field "$one" priority)" '"P1"' "left's priority"
assert_eq "$(field "$one" status)" '"in_progress"' "right's status"
grep -q "Step 1: do the first thing, carefully." "$one" || fail "left's description line is lost"
grep -q "Step 8: ship it." "$one" || fail "right's description line is lost"
assert_eq "$(field "$one" title)" '"Title from the right"' "the later title wins"
assert_eq "$(conflicts_of "$one")" 'title:"Title from the right":["Title from the left", "Title from the right"]' \
  "the losing title is kept"
cmp "$one" "$WORK/configured/$record" || fail "resolve's bytes differ from the merge driver's"

git -C "$repo" commit -q --no-edit || fail "git commit after resolve"
assert_eq "$(git -C "$repo" status --porcelain)" "" "the worktree is clean after the commit"
"$GIT_TD" -C "$repo" import --dry-run >/dev/null || fail "import refuses the resolved tree"
# Nothing left: a second resolve has nothing to do.
"$GIT_TD" -C "$repo" resolve | grep -q "nothing to resolve" || fail "a second resolve found work"
echo "PASS"
