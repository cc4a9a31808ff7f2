#!/usr/bin/env bash
# The merge driver across linked worktrees (`git worktree add`), set up by
# `git td init` alone (no hand-written config), with its hooks installed and
# git-td on PATH:
#  (a) init's driver config lives in the common .git/config, so a linked
#      worktree sees it, and the tree's .gitattributes sends its records to it;
#  (b) the main worktree (main) and a linked worktree (feature) each edit
#      td-a00001 in their own tree: different fields (priority and the first
#      description line on main; status and the last line on feature) and the
#      same field (both retitle it, feature later). The record files are
#      edited directly: td keeps one database for all worktrees (the main
#      worktree's .todos/issues.db, decision 2), so an edit made in td would
#      reach both trees at their next export and leave nothing to merge;
#  (c) merging feature from the main worktree is clean, keeps every edit, and
#      keeps main's losing title in `conflicts`; post-merge imports the merged
#      record into the shared database (and its losing title into td's
#      sync_conflicts);
#  (d) merging main's edit from the linked worktree (the other orientation)
#      gives the same bytes, in the commit and in both worktrees' files;
#  (e) after both merges a commit in either worktree (pre-commit exports the
#      shared database) carries no record change: no stale export undoes the
#      merge in either tree.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
need_shared
need_python
git_td_on_path

main=$WORK/main wt=$WORK/feature db=$WORK/main/.todos/issues.db
rel=.todos/export/issues/td-a00001.yaml
new_repo "$main"
issue_db "$db" td-a00001 td-a00002
"$GIT_TD" -C "$main" init >/dev/null 2>"$WORK/init.err" || { cat "$WORK/init.err" >&2; fail "init failed"; }
commit_all "$main" "git-td init and two issues" 2>/dev/null
git -C "$main" cat-file -e "HEAD:$rel" || fail "pre-commit did not export td-a00001"

# (a) Only init configured the driver; the linked worktree sees it.
git -C "$main" worktree add -q -b feature "$wt" 2>"$WORK/worktree.err" ||
  { cat "$WORK/worktree.err" >&2; fail "git worktree add failed"; }
expected_driver=$(dirname "$GIT_TD")/git-td-merge-driver
[ -x "$expected_driver" ] || skip "git-td-merge-driver is not beside git-td ($expected_driver)"
for dir in "$main" "$wt"; do
  driver=$(git -C "$dir" config merge.td-record.driver) || fail "no merge.td-record.driver seen from $dir"
  driver=${driver//\'/}
  assert_eq "$driver" "$expected_driver %O %A %B %L %P" "the driver command seen from $dir"
  assert_eq "$(git -C "$dir" check-attr merge -- "$rel")" "$rel: merge: td-record" "the merge attribute in $dir"
done
[ ! -e "$wt/.todos/issues.db" ] || fail "the linked worktree has a database of its own"

# (b) feature (linked worktree): status, the last description line, a later title.
set_field "$wt/$rel" status in_progress
replace_text "$wt/$rel" "Step 8: do thing 8 of issue 0." "Step 8: ship it from the feature worktree."
set_field "$wt/$rel" title "Title from feature"
set_field "$wt/$rel" updated_at '"2026-04-02T11:00:00Z"'
commit_in "$wt" "feature edits" 2>"$WORK/commit-feature.err" ||
  { cat "$WORK/commit-feature.err" >&2; fail "commit in the linked worktree failed"; }
# main (main worktree): priority, the first description line, an earlier title.
set_field "$main/$rel" priority P1
replace_text "$main/$rel" "Step 1: do thing 1 of issue 0." "Step 1: start in the main worktree."
set_field "$main/$rel" title "Title from main"
set_field "$main/$rel" updated_at '"2026-04-02T10:00:00Z"'
commit_in "$main" "main edits" 2>"$WORK/commit-main.err" ||
  { cat "$WORK/commit-main.err" >&2; fail "commit in the main worktree failed"; }
# The commits hold the direct edits (pre-commit's export did not overwrite them).
assert_eq "$(git -C "$main" show "feature:$rel" | sed -n 's/^title: //p')" "Title from feature" "feature's committed title"
assert_eq "$(git -C "$main" show "main:$rel" | sed -n 's/^title: //p')" "Title from main" "main's committed title"
git -C "$main" branch main-edits main

# (c) Merge feature from the main worktree.
git -C "$main" merge --no-edit feature >"$WORK/merge1.out" 2>&1 || { cat "$WORK/merge1.out" >&2; fail "(c) merge of feature into main"; }
assert_eq "$(unmerged "$main")" "" "(c) no conflicted paths"
assert_eq "$(git -C "$main" rev-list --count --merges main)" 1 "(c) a merge commit"
check_merged() { # FILE WHERE
  ! grep -q '^<<<<<<<' "$1" || fail "$2: conflict markers"
  assert_eq "$(field "$1" priority)" '"P1"' "$2: main's priority"
  assert_eq "$(field "$1" status)" '"in_progress"' "$2: feature's status"
  assert_eq "$(field "$1" title)" '"Title from feature"' "$2: the later title"
  assert_eq "$(field "$1" updated_at)" '"2026-04-02T11:00:00Z"' "$2: the later updated_at"
  local desc
  desc=$(field "$1" description)
  [[ $desc == *"Step 1: start in the main worktree."* && $desc == *"Step 8: ship it from the feature worktree."* ]] ||
    fail "$2: both description edits: $desc"
  assert_eq "$(conflicts_of "$1")" 'title:"Title from feature":["Title from feature", "Title from main"]' \
    "$2: main's title kept in conflicts"
}
check_merged "$main/$rel" "(c) main worktree"
grep -q "td-a00001.yaml: 1 disagreement resolved by rule" "$WORK/merge1.out" ||
  fail "(c) the driver did not report the rule-resolved title: $(cat "$WORK/merge1.out")"
# post-merge imported the merged record into the one database.
assert_eq "$(sqlite3 "$db" "select title, status, priority from issues where id = 'td-a00001'")" \
  "Title from feature|in_progress|P1" "(c) the shared database after the merge"
assert_eq "$(sqlite3 "$db" "select count(*) from sync_conflicts where entity_id = 'td-a00001'")" 1 \
  "(c) sync_conflicts rows for td-a00001"
assert_eq "$(sqlite3 "$db" "select json_extract(local_data, '\$.title') from sync_conflicts where entity_id = 'td-a00001'")" \
  "Title from main" "(c) the losing title in sync_conflicts"

# (d) The other orientation: merge main's edit into feature from the linked worktree.
git -C "$wt" merge --no-edit main-edits >"$WORK/merge2.out" 2>&1 || { cat "$WORK/merge2.out" >&2; fail "(d) merge of main into feature"; }
assert_eq "$(unmerged "$wt")" "" "(d) no conflicted paths"
check_merged "$wt/$rel" "(d) linked worktree"
git -C "$main" show "main:$rel" >"$WORK/merged-in-main"
git -C "$main" show "feature:$rel" >"$WORK/merged-in-feature"
cmp -s "$WORK/merged-in-main" "$WORK/merged-in-feature" ||
  { diff "$WORK/merged-in-main" "$WORK/merged-in-feature" >&2; fail "(d) the two merge orders differ"; }
cmp -s "$main/$rel" "$wt/$rel" || fail "(d) the two worktrees' files differ"
assert_eq "$(sqlite3 "$db" "select title, status, priority from issues where id = 'td-a00001'")" \
  "Title from feature|in_progress|P1" "(d) the shared database after the second merge"
# Both worktrees imported the merged record, each against its own base, into
# the one shared database: the entry is copied to sync_conflicts once.
assert_eq "$(sqlite3 "$db" "select count(*) from sync_conflicts where entity_id = 'td-a00001'")" 1 \
  "(d) sync_conflicts rows for td-a00001 after both worktrees imported the merge"

# (e) Later commits export nothing over the merge, in either worktree.
for dir in "$main" "$wt"; do
  git -C "$dir" commit -q --allow-empty -m "after the merges" 2>"$WORK/commit-after.err" ||
    { cat "$WORK/commit-after.err" >&2; fail "(e) commit in $dir"; }
  assert_eq "$(git -C "$dir" show --name-only --format= HEAD)" "" "(e) files in the commit after the merges in $dir"
  assert_eq "$(git -C "$dir" status --porcelain)" "" "(e) git status in $dir"
done
cmp -s "$main/$rel" "$WORK/merged-in-main" || fail "(e) the main worktree's record changed after the merge"
cmp -s "$wt/$rel" "$WORK/merged-in-main" || fail "(e) the linked worktree's record changed after the merge"
echo "PASS"
