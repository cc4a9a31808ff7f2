#!/usr/bin/env bash
# git rerere with git-td-merge-driver (rerere.enabled=true).
#
# How git combines the two: rerere looks only at paths a merge left unmerged.
# After the merge it normalises each such file's conflict hunks (labels
# dropped, the two sides of each hunk sorted), keys the conflict by their hash
# and saves the preimage in rr-cache/<hash>/; the commit after a resolution
# saves the file as postimage. When the same conflict comes back, rerere
# replays the resolution by a three-way merge of preimage -> postimage onto the
# current (normalised) file, "thisimage" -- and that merge goes through
# ll_merge with the path's merge attribute, so it calls the td-record driver
# with %O = preimage and %A = thisimage, both full of conflict markers, and
# %B = postimage. The driver must give the plain line merge of those
# (preimage and thisimage are identical: the result is the postimage), or
# rerere records a new preimage variant instead of replaying.
#
# Asserted:
#  (a) a merge with an add/add id collision (td-c00001: two different issues
#      drew one id) and a record both sides retitled (td-a00001): git stops on
#      td-c00001 only; rerere records a preimage for it and nothing for
#      td-a00001, which the driver merged cleanly (its losing title kept in
#      `conflicts`), and which rerere neither lists nor caches;
#  (b) resolved by hand and committed, rerere records the resolution;
#  (c) the same merge again (reset, merge): the merge still stops (rerere does
#      not stage by default), rerere says it used the previous resolution,
#      the file holds the hand resolution byte for byte, the path is still
#      unmerged until `git add`, td-a00001 is merged exactly as before, and
#      the cache still holds that one conflict with one variant;
#  (d) with rerere.autoUpdate=true the replayed resolution is staged and the
#      merge commits with no further step;
#  (e) the other orientation (theirs merges ours): rerere sorts the hunk
#      sides, so the same recorded resolution applies there too.
# rerere replays through the merge driver (%O = the recorded conflicted file,
# %A = the conflict met again, %B = the resolution): the driver takes the side
# that differs from a conflicted base (merge/driver.cpp, replayed_resolution).
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
need_shared
need_python

repo=$WORK/repo
clean=.todos/export/issues/td-a00001.yaml collide=.todos/export/issues/td-c00001.yaml
driver_repo "$repo"
git -C "$repo" config rerere.enabled true
issue_db "$repo/.todos/issues.db" td-a00001
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
git -C "$repo" branch theirs

# ours: retitles td-a00001, adds its td-c00001.
set_field "$repo/$clean" title "Title from ours"
set_field "$repo/$clean" updated_at '"2026-04-02T10:00:00Z"'
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Issue of ours/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T10:00:00Z"/' "$repo/$clean" >"$repo/$collide"
commit_in "$repo" "ours"
git -C "$repo" branch ours
# theirs: retitles td-a00001 later, adds a different td-c00001.
git -C "$repo" checkout -q theirs
set_field "$repo/$clean" title "Title from theirs"
set_field "$repo/$clean" updated_at '"2026-04-02T11:00:00Z"'
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Issue of theirs/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T11:00:00Z"/' "$repo/$clean" >"$repo/$collide"
commit_in "$repo" "theirs"
git -C "$repo" checkout -q main

rr=$(git -C "$repo" rev-parse --git-path rr-cache)
case $rr in /*) ;; *) rr=$repo/$rr ;; esac
# cache_listing: the files rerere keeps per conflict (preimage, preimage.1 for a
# second variant, postimage), without "thisimage", the scratch copy its replay
# leaves behind.
cache_listing() { (cd "$rr" && find . -type f ! -name thisimage | sed 's|^\./[0-9a-f]*/||' | LC_ALL=C sort | tr '\n' ' '); }
cache_ids() { find "$rr" -mindepth 1 -maxdepth 1 -type d | wc -l | tr -d ' '; }

# merge_expecting_stop BRANCH LOG: merges BRANCH into the current branch, expecting git to stop.
merge_expecting_stop() {
  if git -C "$repo" merge --no-edit "$1" >"$2" 2>&1; then cat "$2" >&2; fail "merge of $1 did not stop"; fi
}

# (a)
merge_expecting_stop theirs "$WORK/merge1.out"
assert_eq "$(unmerged "$repo")" "$collide" "(a) the conflicted paths"
grep -q "td-c00001.yaml: conflict: add/add id collision" "$WORK/merge1.out" || fail "(a) the driver did not name the collision"
has_markers 7 "$repo/$collide" || fail "(a) no markers in td-c00001"
grep -qF "Recorded preimage for '$collide'" "$WORK/merge1.out" || { cat "$WORK/merge1.out" >&2; fail "(a) rerere recorded no preimage"; }
! grep -q "td-a00001" <(grep -i "preimage\|resolution" "$WORK/merge1.out") || fail "(a) rerere acted on td-a00001"
assert_eq "$(git -C "$repo" rerere status)" "$collide" "(a) rerere status"
assert_eq "$(git -C "$repo" rerere remaining)" "$collide" "(a) rerere remaining"
assert_eq "$(cache_ids)" 1 "(a) conflicts in rr-cache"
assert_eq "$(cache_listing)" "preimage " "(a) rr-cache content"
! grep -rq "Title from" "$rr" || fail "(a) rr-cache holds td-a00001's text"
assert_eq "$(field "$repo/$clean" title)" '"Title from theirs"' "(a) td-a00001: the later title"
assert_eq "$(conflicts_of "$repo/$clean")" 'title:"Title from theirs":["Title from ours", "Title from theirs"]' \
  "(a) td-a00001: the losing title kept"
assert_eq "$(git -C "$repo" diff --cached --name-only --diff-filter=M)" "$clean" "(a) td-a00001 merged and staged"
git -C "$repo" show ":$clean" >"$WORK/clean-merged"
cmp -s "$WORK/clean-merged" "$repo/$clean" || fail "(a) td-a00001 differs between index and worktree"

# (b) A hand resolution: ours' issue stays at td-c00001, retitled to say so.
git -C "$repo" show ":2:$collide" | sed 's/^title: .*/title: Kept by hand (ours)/' >"$repo/$collide"
cp "$repo/$collide" "$WORK/resolution"
git -C "$repo" add "$collide"
git -C "$repo" commit -q --no-edit >"$WORK/commit1.out" 2>&1 || { cat "$WORK/commit1.out" >&2; fail "(b) commit of the resolution"; }
grep -qF "Recorded resolution for '$collide'" "$WORK/commit1.out" || { cat "$WORK/commit1.out" >&2; fail "(b) rerere recorded no resolution"; }
assert_eq "$(cache_listing)" "postimage preimage " "(b) rr-cache content"
assert_eq "$(git -C "$repo" rerere status)" "" "(b) rerere status after the commit"
resolved=$(git -C "$repo" rev-parse HEAD)

# (c) The same merge again.
git -C "$repo" reset -q --hard ours
merge_expecting_stop theirs "$WORK/merge2.out"
grep -qF "Resolved '$collide' using previous resolution." "$WORK/merge2.out" ||
  fail "(c) rerere did not replay the resolution (the driver refused rerere's merge of preimage, thisimage, postimage?)"
cmp -s "$repo/$collide" "$WORK/resolution" || { diff "$WORK/resolution" "$repo/$collide" >&2; fail "(c) the replayed file"; }
assert_eq "$(unmerged "$repo")" "$collide" "(c) still unmerged without rerere.autoUpdate"
assert_eq "$(git -C "$repo" rerere remaining)" "" "(c) rerere remaining"
cmp -s "$repo/$clean" "$WORK/clean-merged" || fail "(c) td-a00001 merged differently"
assert_eq "$(cache_ids)" 1 "(c) conflicts in rr-cache"
assert_eq "$(cache_listing)" "postimage preimage " "(c) rr-cache content (no new variant)"
git -C "$repo" add "$collide"
git -C "$repo" commit -q --no-edit 2>/dev/null || fail "(c) commit"
assert_eq "$(git -C "$repo" rev-parse 'HEAD^{tree}')" "$(git -C "$repo" rev-parse "$resolved^{tree}")" "(c) the same tree as (b)"

# (d) rerere.autoUpdate stages it.
git -C "$repo" config rerere.autoUpdate true
git -C "$repo" reset -q --hard ours
merge_expecting_stop theirs "$WORK/merge3.out"
grep -qF "Staged '$collide' using previous resolution." "$WORK/merge3.out" ||
  { cat "$WORK/merge3.out" >&2; fail "(d) rerere did not stage the resolution"; }
assert_eq "$(unmerged "$repo")" "" "(d) nothing unmerged"
git -C "$repo" commit -q --no-edit 2>/dev/null || fail "(d) commit"
assert_eq "$(git -C "$repo" rev-parse 'HEAD^{tree}')" "$(git -C "$repo" rev-parse "$resolved^{tree}")" "(d) the same tree as (b)"

# (e) The other orientation: theirs merges ours.
git -C "$repo" checkout -q -b theirs-merges theirs
merge_expecting_stop ours "$WORK/merge4.out"
grep -qF "Staged '$collide' using previous resolution." "$WORK/merge4.out" ||
  { cat "$WORK/merge4.out" >&2; fail "(e) rerere did not apply the resolution the other way round"; }
cmp -s "$repo/$collide" "$WORK/resolution" || fail "(e) the replayed file"
cmp -s "$repo/$clean" "$WORK/clean-merged" || fail "(e) td-a00001 differs between the two orientations"
assert_eq "$(cache_listing)" "postimage preimage " "(e) rr-cache content"
echo "PASS"
