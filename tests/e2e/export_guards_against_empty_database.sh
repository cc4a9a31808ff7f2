#!/usr/bin/env bash
# Exporting an empty database over a populated tree (td's database deleted and
# re-created by `td init`) is refused: non-zero exit, a message that mentions
# --force, the tree untouched. With --force the record files are removed.
# Another database named by --db has a base of its own: the tree's files were
# never agreed with it, so even --force leaves them for `git td import`.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_realdata

repo=$WORK/repo export=$WORK/repo/.todos/export
real_repo marcus__nightshift.db "$repo"
"$GIT_TD" -C "$repo" export >/dev/null || fail "first export failed"
records=$(find "$export" -mindepth 2 -type f | wc -l)
[ "$records" -gt 0 ] || fail "nothing exported"
before=$(snapshot "$export")

empty_td_db "$WORK/empty.db"   # schema 38, only the built-in board

# --db names another database: its base is empty, every file awaits import.
out=$("$GIT_TD" -C "$repo" --db "$WORK/empty.db" --output json export --force 2>/dev/null) ||
  fail "export --force of another database failed"
assert_eq "$(jq '.removed | length' <<<"$out")" 0 "files removed for a database they were never agreed with"
assert_eq "$(snapshot "$export")" "$before" "tree after exporting another database"
[ -f "$repo/.git/git-td/base.sqlite" ] || fail "the default database has no base.sqlite"
assert_eq "$(find "$repo/.git/git-td" -name 'base-*.sqlite' | wc -l)" 1 "base stores for the --db database"

# The repository's own database emptied.
rm -f "$repo/.todos/issues.db" "$repo/.todos/issues.db-wal" "$repo/.todos/issues.db-shm"
cp "$WORK/empty.db" "$repo/.todos/issues.db"
status=0
"$GIT_TD" -C "$repo" export >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || fail "export of an empty database over $records records succeeded"
grep -q -- --force "$WORK/err" || fail "refusal does not mention --force: $(cat "$WORK/err")"
assert_eq "$(snapshot "$export")" "$before" "tree after the refused export"

# --dry-run is refused the same way (it would report removing everything).
status=0
"$GIT_TD" -C "$repo" export --dry-run >/dev/null 2>&1 || status=$?
[ "$status" -ne 0 ] || fail "dry run of an empty database over a full tree was not refused"

out=$("$GIT_TD" -C "$repo" --output json export --force) || fail "export --force failed"
assert_eq "$(jq '.removed | length' <<<"$out")" "$records" "records reported removed by --force"
assert_eq "$(find "$export" -mindepth 2 -type f | wc -l)" 0 "record files left after export --force"
[ -f "$export/git-td.yaml" ] || fail "export --force removed git-td.yaml"

# An empty tree and an empty database: nothing to guard, no --force needed.
"$GIT_TD" -C "$repo" export >/dev/null || fail "empty over empty was refused"
