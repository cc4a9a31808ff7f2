#!/usr/bin/env bash
# `git td resolve --dry-run` lists what it would do (a record to re-merge, a
# modify/delete to keep) and changes nothing: the worktree's files and the
# index stay byte-identical. The real run then resolves both.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python

repo=$WORK/repo tree=$WORK/repo/.todos/export
plain_repo "$repo"
issue_db "$repo/.todos/issues.db" td-a00001 td-a00002
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
git -C "$repo" branch theirs
set_field "$tree/issues/td-a00001.yaml" title "Ours"
set_field "$tree/issues/td-a00001.yaml" updated_at '"2026-04-02T10:00:00Z"'
git -C "$repo" rm -q "$tree/issues/td-a00002.yaml"
commit_in "$repo" "ours"
git -C "$repo" checkout -q theirs
set_field "$tree/issues/td-a00001.yaml" title "Theirs"
set_field "$tree/issues/td-a00001.yaml" updated_at '"2026-04-02T11:00:00Z"'
set_field "$tree/issues/td-a00002.yaml" priority P0
commit_in "$repo" "theirs"
git -C "$repo" checkout -q main
if git -C "$repo" merge --no-edit theirs >/dev/null 2>&1; then fail "the merge did not conflict"; fi

state "$repo" >"$WORK/before"
out=$("$GIT_TD" -C "$repo" resolve --dry-run) || fail "resolve --dry-run exited $?: $out"
state "$repo" >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || { diff "$WORK/before" "$WORK/after" >&2; fail "--dry-run changed the worktree or the index"; }
grep -q "^would  merged  .todos/export/issues/td-a00001.yaml" <<<"$out" || fail "the re-merge is not listed: $out"
grep -q "^would  kept-edit  .todos/export/issues/td-a00002.yaml" <<<"$out" || fail "the modify/delete is not listed: $out"
assert_eq "$(unmerged "$repo" | wc -l | tr -d ' ')" 2 "still two conflicts"

"$GIT_TD" -C "$repo" resolve >/dev/null || fail "resolve"
assert_eq "$(unmerged "$repo")" "" "conflicts after the real run"
echo "PASS"
