#!/usr/bin/env bash
# Export touches only what changed in td: a retitled issue rewrites exactly its
# own file; a hard-deleted comment removes exactly its file; a soft-deleted
# issue (deleted_at set) keeps its file, now carrying deleted_at.
source "$(dirname "$0")/lib/common.sh"
need_realdata

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
real_repo tetrabit__llmfit.db "$repo"
"$GIT_TD" -C "$repo" export >/dev/null
commit_all "$repo" "first export"

# export_changes: runs an export and prints git's view of what it changed.
export_changes() {
  local out
  out=$("$GIT_TD" -C "$repo" --output json export) || fail "export failed"
  jq -c '[(.written|length), (.removed|length)]' <<<"$out"
  git -C "$repo" status --porcelain --untracked-files=all
}

# 1. One issue retitled (td bumps updated_at).
issue=$(sqlite3 "$db" "select id from issues order by id limit 1 offset 3")
sqlite3 "$db" "update issues set title = 'Retitled by the e2e test',
  updated_at = '2026-05-01 10:00:00.123456789 -0400 EDT m=+0.1' where id = '$issue'"
assert_eq "$(export_changes)" "[1,0]
 M .todos/export/issues/$issue.yaml" "retitling one issue"
grep -qx 'title: Retitled by the e2e test' "$repo/.todos/export/issues/$issue.yaml" || fail "new title not exported"
grep -qx 'updated_at: "2026-05-01T14:00:00.123456789Z"' "$repo/.todos/export/issues/$issue.yaml" ||
  fail "bumped updated_at not exported"
commit_all "$repo" "retitle"

# 2. One comment hard-deleted.
comment=$(sqlite3 "$db" "select id from comments order by id limit 1 offset 5")
[ -n "$comment" ] || fail "fixture has no comments"
sqlite3 "$db" "delete from comments where id = '$comment'"
assert_eq "$(export_changes)" "[0,1]
 D .todos/export/comments/$comment.yaml" "deleting one comment"
commit_all "$repo" "delete comment"

# 3. One issue soft-deleted: its file changes and stays.
victim=$(sqlite3 "$db" "select id from issues where id <> '$issue' order by id desc limit 1")
sqlite3 "$db" "update issues set deleted_at = '2026-05-02 09:00:00+00:00',
  updated_at = '2026-05-02 09:00:00+00:00' where id = '$victim'"
assert_eq "$(export_changes)" "[1,0]
 M .todos/export/issues/$victim.yaml" "soft-deleting one issue"
grep -qx 'deleted_at: "2026-05-02T09:00:00Z"' "$repo/.todos/export/issues/$victim.yaml" ||
  fail "deleted_at not exported"
commit_all "$repo" "soft delete"

# And nothing changed means nothing written.
assert_eq "$(export_changes)" "[0,0]" "export with no change in td"
