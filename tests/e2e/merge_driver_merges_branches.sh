#!/usr/bin/env bash
# git merge with git-td-merge-driver configured (DESIGN §4):
#  (a) two branches edit different fields of one issue (and different lines
#      of its description): the merge is clean and keeps every edit;
#  (b) both retitle another issue: the later updated_at wins, the merge is
#      still clean, and the losing title is kept in the record's `conflicts`;
#  (c) merging the branches the other way round gives byte-identical files;
#  (d) the merged tree is one `git td import` accepts.
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
git -C "$repo" branch right
git -C "$repo" checkout -q -b left

# left: priority and the first description line of td-a00001; the title of td-a00002.
set_field "$one" priority P1
replace_text "$one" "Step 1: do thing 1 of issue 0." "Step 1: do the first thing, carefully."
set_field "$one" updated_at '"2026-04-02T10:00:00Z"'
set_field "$two" title "Title from the left"
set_field "$two" updated_at '"2026-04-02T10:00:00Z"'
commit_in "$repo" "left edits"

# right: status and the last description line of td-a00001; the title of td-a00002, later.
git -C "$repo" checkout -q right
set_field "$one" status in_progress
replace_text "$one" "Step 8: do thing 8 of issue 0." "Step 8: ship it."
set_field "$one" updated_at '"2026-04-02T11:00:00Z"'
set_field "$two" title "Title from the right"
set_field "$two" updated_at '"2026-04-02T11:00:00Z"'
commit_in "$repo" "right edits"

# Merge right into left.
git -C "$repo" checkout -q -b left-merged left
git -C "$repo" merge -q --no-edit right >"$WORK/merge1.out" 2>&1 || { cat "$WORK/merge1.out" >&2; fail "merge right into left"; }
assert_eq "$(unmerged "$repo")" "" "(a) no conflicted paths"
! grep -q '^<<<<<<<' "$one" "$two" || fail "(a) conflict markers left in a record"
assert_eq "$(field "$one" priority)" '"P1"' "(a) left's priority"
assert_eq "$(field "$one" status)" '"in_progress"' "(a) right's status"
assert_eq "$(field "$one" updated_at)" '"2026-04-02T11:00:00Z"' "(a) the later updated_at"
desc=$(field "$one" description)
[[ $desc == *"Step 1: do the first thing, carefully."* && $desc == *"Step 8: ship it."* ]] ||
  fail "(a) both description edits: $desc"
assert_eq "$(conflicts_of "$one")" "" "(a) no conflicts entry for edits to different fields"
assert_eq "$(field "$two" title)" '"Title from the right"' "(b) the later title wins"
assert_eq "$(conflicts_of "$two")" 'title:"Title from the right":["Title from the left", "Title from the right"]' \
  "(b) the losing title is kept"
# The entry id is the git blob hash of its key, computed by the driver without
# libgit2's full initialisation: it must be git's own hash.
key='["title","Issue td-a00002",["Title from the left","Title from the right"]]'
assert_eq "$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["conflicts"][0]["id"])' "$two")" \
  "c-$(printf '%s' "$key" | git hash-object --stdin | cut -c1-8)" "(b) the entry id"
grep -q "td-a00002.yaml: 1 disagreement resolved by rule" "$WORK/merge1.out" ||
  fail "(b) the driver did not say it resolved a disagreement: $(cat "$WORK/merge1.out")"

# (c) Merge left into right: the same bytes.
git -C "$repo" checkout -q -b right-merged right
git -C "$repo" merge -q --no-edit left >"$WORK/merge2.out" 2>&1 || { cat "$WORK/merge2.out" >&2; fail "merge left into right"; }
for id in td-a00001 td-a00002; do
  git -C "$repo" show "left-merged:.todos/export/issues/$id.yaml" >"$WORK/$id.left-merged"
  git -C "$repo" show "right-merged:.todos/export/issues/$id.yaml" >"$WORK/$id.right-merged"
  cmp -s "$WORK/$id.left-merged" "$WORK/$id.right-merged" || {
    diff "$WORK/$id.left-merged" "$WORK/$id.right-merged" >&2
    fail "(c) $id differs between the two merge orders"
  }
done

# (d) import reads the merged records.
"$GIT_TD" -C "$repo" import --dry-run >/dev/null 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "(d) import refuses the merged tree"; }
echo "PASS"
