#!/usr/bin/env bash
# Exporting an empty database over a populated tree (say, --db pointing at the
# wrong file) is refused: non-zero exit, a message that mentions --force, the
# tree untouched. With --force the record files are removed.
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
status=0
"$GIT_TD" -C "$repo" --db "$WORK/empty.db" export >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || fail "export of an empty database over $records records succeeded"
grep -q -- --force "$WORK/err" || fail "refusal does not mention --force: $(cat "$WORK/err")"
assert_eq "$(snapshot "$export")" "$before" "tree after the refused export"

# --dry-run is refused the same way (it would report removing everything).
status=0
"$GIT_TD" -C "$repo" --db "$WORK/empty.db" export --dry-run >/dev/null 2>&1 || status=$?
[ "$status" -ne 0 ] || fail "dry run of an empty database over a full tree was not refused"

out=$("$GIT_TD" -C "$repo" --db "$WORK/empty.db" --output json export --force) || fail "export --force failed"
assert_eq "$(jq '.removed | length' <<<"$out")" "$records" "records reported removed by --force"
assert_eq "$(find "$export" -mindepth 2 -type f | wc -l)" 0 "record files left after export --force"
[ -f "$export/git-td.yaml" ] || fail "export --force removed git-td.yaml"

# An empty tree and an empty database: nothing to guard, no --force needed.
"$GIT_TD" -C "$repo" --db "$WORK/empty.db" export >/dev/null || fail "empty over empty was refused"
