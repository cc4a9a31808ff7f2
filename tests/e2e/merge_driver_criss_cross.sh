#!/usr/bin/env bash
# Criss-cross merges: two merge bases, so git first merges the bases into a
# virtual one, calling the driver for it too, then merges against that.
#  (a) bases that merge cleanly: the final merge is clean and keeps the edits
#      of all four commits;
#  (b) bases that cannot merge (both added a different issue td-c00001, then
#      each branch kept the left one by hand): git hands the driver a virtual
#      base full of conflict markers, and the driver takes it for no base at
#      all; the branches' versions are one record (one birth), so the merge is
#      still clean, every later edit is kept, and nothing is lost.
# A wrapper logs each call, to show git really called the driver both times.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
need_shared
need_python

repo=$WORK/repo
driver_repo "$repo"
cat >"$WORK/logging-driver" <<SH
#!/bin/sh
# %O %A %B %L %P: note whether the base holds conflict markers, then merge.
if grep -q '^<<<<<<<' "\$1"; then marks=marked-base; elif [ -s "\$1" ]; then marks=base; else marks=no-base; fi
echo "\$5 \$marks" >>"$WORK/driver.log"
exec "$GIT_TD_MERGE_DRIVER" "\$@"
SH
chmod +x "$WORK/logging-driver"
git -C "$repo" config merge.td-record.driver "'$WORK/logging-driver' %O %A %B %L %P"
git -C "$repo" config merge.conflictStyle merge

issue_db "$repo/.todos/issues.db" td-a00001
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
tree=$repo/.todos/export/issues
one=$tree/td-a00001.yaml

# L1 and R1 edit td-a00001 (different fields) and each add their own td-c00001.
git -C "$repo" branch right
git -C "$repo" checkout -q -b left
set_field "$one" title "Left title"
set_field "$one" updated_at '"2026-04-02T10:00:00Z"'
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Born on the left/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T10:00:00Z"/' "$one" >"$tree/td-c00001.yaml"
commit_in "$repo" "L1"
git -C "$repo" checkout -q right
set_field "$one" priority P1
set_field "$one" updated_at '"2026-04-02T11:00:00Z"'
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Born on the right/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T11:00:00Z"/' "$one" >"$tree/td-c00001.yaml"
commit_in "$repo" "R1"

# Cross-merge: each side merges the other's first commit. td-c00001 collides
# (two records, one id): the driver reports it; both keep the left record.
git -C "$repo" checkout -q left
! git -C "$repo" merge -q --no-edit right >"$WORK/cross1.out" 2>&1 || fail "an id collision merged cleanly"
assert_eq "$(unmerged "$repo")" ".todos/export/issues/td-c00001.yaml" "only the colliding record conflicts"
grep -q "add/add id collision" "$WORK/cross1.out" || fail "the driver did not name the collision: $(cat "$WORK/cross1.out")"
git -C "$repo" checkout -q --ours -- "$tree/td-c00001.yaml"
commit_in "$repo" "L2: merge right, keep the left td-c00001"
git -C "$repo" checkout -q right
! git -C "$repo" merge -q --no-edit left~1 >/dev/null 2>&1 || fail "an id collision merged cleanly (the other way)"
git -C "$repo" checkout -q --theirs -- "$tree/td-c00001.yaml"
commit_in "$repo" "R2: merge left, keep the left td-c00001"
cmp -s <(git -C "$repo" show left:.todos/export/issues/td-c00001.yaml) "$tree/td-c00001.yaml" ||
  fail "both branches should hold the left td-c00001"

# One more edit on each side, then the criss-cross merge.
set_field "$one" status in_progress
set_field "$one" updated_at '"2026-04-03T11:00:00Z"'
set_field "$tree/td-c00001.yaml" priority P0
set_field "$tree/td-c00001.yaml" updated_at '"2026-04-03T11:00:00Z"'
commit_in "$repo" "R3"
git -C "$repo" checkout -q left
replace_text "$one" "  - beta
" ""
set_field "$one" updated_at '"2026-04-03T10:00:00Z"'
set_field "$tree/td-c00001.yaml" status blocked
set_field "$tree/td-c00001.yaml" updated_at '"2026-04-03T10:00:00Z"'
commit_in "$repo" "L3"
assert_eq "$(git -C "$repo" merge-base --all left right | wc -l | tr -d ' ')" 2 "a criss-cross: two merge bases"

: >"$WORK/driver.log"
git -C "$repo" merge --no-edit right >"$WORK/final.out" 2>&1 || { cat "$WORK/final.out" >&2; fail "the criss-cross merge"; }
assert_eq "$(unmerged "$repo")" "" "no conflicted paths"
cat "$WORK/driver.log" >&2
# (a) the virtual base of td-a00001 came from a clean merge of L1 and R1.
grep -qx ".todos/export/issues/td-a00001.yaml base" "$WORK/driver.log" || fail "(a) driver not called for td-a00001"
assert_eq "$(field "$one" title)" '"Left title"' "(a) L1's title"
assert_eq "$(field "$one" priority)" '"P1"' "(a) R1's priority"
assert_eq "$(field "$one" status)" '"in_progress"' "(a) R3's status"
assert_eq "$(field "$one" labels)" '["alpha"]' "(a) L3's label removal"
assert_eq "$(conflicts_of "$one")" "" "(a) no disagreement"
# (b) the virtual base of td-c00001 was the bases' conflict, markers and all.
grep -q "^.todos/export/issues/td-c00001.yaml no-base$" "$WORK/driver.log" ||
  fail "(b) git did not merge the two bases' td-c00001 with the driver"
grep -q "^.todos/export/issues/td-c00001.yaml marked-base$" "$WORK/driver.log" ||
  fail "(b) the final merge did not get the marked virtual base"
c=$tree/td-c00001.yaml
! grep -q '^<<<<<<<' "$c" || fail "(b) markers left in td-c00001"
assert_eq "$(field "$c" title)" '"Born on the left"' "(b) the left record"
assert_eq "$(field "$c" priority)" '"P0"' "(b) R3's priority"
assert_eq "$(field "$c" status)" '"blocked"' "(b) ranked status: blocked over open"
assert_eq "$(field "$c" updated_at)" '"2026-04-03T11:00:00Z"' "(b) the latest updated_at"
# Without a base every difference is a disagreement, each kept: nothing lost.
entries=$(conflicts_of "$c")
grep -qx 'status:"blocked":\["blocked", "open"\]' <<<"$entries" || fail "(b) the status disagreement: $entries"
grep -qx 'priority:"P0":\["P0", "P2"\]' <<<"$entries" || fail "(b) the priority disagreement: $entries"
echo "PASS"
