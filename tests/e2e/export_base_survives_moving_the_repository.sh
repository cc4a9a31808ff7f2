#!/usr/bin/env bash
# The base store is named after the database's place inside the worktree, not
# its absolute path: a repository moved (mv) or copied (cp -a) keeps agreeing
# with its database — the next export and import change nothing, and a one-row
# change still rewrites exactly one file.
source "$(dirname "$0")/lib/common.sh"
need_realdata

repo=$WORK/before export=$WORK/moved/.todos/export
real_repo marcus__nightshift.db "$repo"
"$GIT_TD" -C "$repo" export >/dev/null || fail "first export failed"
mv "$repo" "$WORK/moved"
before=$(snapshot "$export")

out=$("$GIT_TD" -C "$WORK/moved" --output json export) || fail "export after the move failed"
assert_eq "$(jq -c '[(.written|length), (.removed|length), (.awaiting_import|length)]' <<<"$out")" "[0,0,0]" \
  "export right after moving the repository"
out=$("$GIT_TD" -C "$WORK/moved" --output json import) || fail "import after the move failed"
assert_eq "$(jq -c "[(.changes|length), .files_read]" <<<"$out")" "[0,0]" "records import changed (and files it read) after the move"
assert_eq "$(snapshot "$export")" "$before" "tree after export and import in the moved repository"

id=$(sqlite3 "$WORK/moved/.todos/issues.db" "select id from issues order by id limit 1")
sqlite3 "$WORK/moved/.todos/issues.db" "update issues set title = title || ' (moved)' where id = '$id'"
cp -a "$WORK/moved" "$WORK/copy"
out=$("$GIT_TD" -C "$WORK/copy" --output json export) || fail "export in the copy failed"
assert_eq "$(jq -c '.written' <<<"$out")" "[\"issues/$id.yaml\"]" "files a one-row change rewrites in a copied repository"
