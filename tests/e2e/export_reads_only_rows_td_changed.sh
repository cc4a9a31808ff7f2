#!/usr/bin/env bash
# Export finds td's changed rows from the database file itself (issue 12,
# decision 90): each row's record is fingerprinted from the file's pages,
# and only rows whose record changed or that appeared since the last export
# that agreed with the tree are read and converted ("database_read":
# "changed rows"). Any writer's change shows: td's own, and the sqlite3
# shell's that logs nothing in action_log, a one-byte change deep in a long
# text's overflow pages included. Whatever the fingerprints cannot account
# for makes export read every row ("every row"): a row deleted, an id
# changed in place, a rowid reused, a schema change, WAL mode, a previous
# export that left files awaiting import, `--full`. After every step a
# `--full` export writes and removes nothing: the cheap export left exactly
# the tree a full one would.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
td_client_repo "$repo"
td_create "$repo" "First issue" && first=$NEW_ID
td_create "$repo" "Second issue" && second=$NEW_ID
td_comment "$repo" "$first" "A comment to delete later"
# A description of 40 KB runs over many overflow pages.
long=$(python3 -c "print(' '.join('word%d' % i for i in range(6000)))")
sqlite3 "$db" "update issues set description = '$long' where id = '$second'"

# export_reads EXPECTED STEP: exports (JSON), checks how the database was
# read, keeps the report in $out; then a --full export must change nothing.
export_reads() {
  out=$("$GIT_TD" -C "$repo" --json export 2>"$WORK/export.err") || { cat "$WORK/export.err" >&2; fail "$2: export"; }
  assert_eq "$(jq -r .database_read <<<"$out")" "$1" "$2: how export read the database"
  local full
  full=$("$GIT_TD" -C "$repo" --json export --full 2>/dev/null) || fail "$2: export --full"
  assert_eq "$(jq -c '[.written, .removed]' <<<"$full")" '[[],[]]' "$2: what a full export still changed"
}
written() { jq -c '[.written[], .removed[]] | sort' <<<"$out"; }

export_reads "every row" "first export"
commit_all "$repo" "first export"
export_reads "none" "nothing changed"

sqlite3 "$db" "update issues set title = 'Retitled by the shell', updated_at = '2026-06-01 09:00:00+00:00' where id = '$first'"
export_reads "changed rows" "a title changed by the sqlite3 shell (no action_log row)"
assert_eq "$(written)" "[\"issues/$first.yaml\"]" "files written for the shell's change"
grep -q '^title: Retitled by the shell$' "$tree/issues/$first.yaml" || fail "the shell's title is not in the file"

sqlite3 "$db" "update issues set description = substr(description, 1, 30000) || 'CHANGED' || substr(description, 30008) where id = '$second'"
export_reads "changed rows" "one word changed deep in a long description"
assert_eq "$(written)" "[\"issues/$second.yaml\"]" "files written for the long description"
grep -q 'CHANGED' "$tree/issues/$second.yaml" || fail "the change deep in the description is not in the file"

td_retitle "$repo" "$second" "Retitled by td"
td_log "$repo" "$second" "A log by td"
td_create "$repo" "Third issue, created by td" && third=$NEW_ID
export_reads "changed rows" "td's own edits and a new issue"
jq -e --arg id "$third" '.written | index("issues/\($id).yaml")' <<<"$out" >/dev/null || fail "td's new issue not written"
assert_eq "$(jq -r '.written | map(select(startswith("logs/"))) | length' <<<"$out")" 1 "td's new log written"
assert_eq "$(jq -r .records <<<"$out")" "$(find "$tree" -path '*/issues/*' -o -path '*/logs/*' -o -path '*/comments/*' | grep -c yaml)" \
  "records counted after a cheap export"

# SQLite writes no page for an update that changes no value.
sqlite3 "$db" "update issues set title = title where id = '$first'"
export_reads "none" "an update that changed no value"

# What the fingerprints cannot account for: every row is read.
comment=$(sqlite3 "$db" "select id from comments limit 1")
sqlite3 "$db" "delete from comments where id = '$comment'"
export_reads "every row" "a row deleted"
assert_eq "$(written)" "[\"comments/$comment.yaml\"]" "the deleted comment's file removed"

sqlite3 "$db" "update issues set id = 'td-feed01' where id = '$third'"
export_reads "every row" "an id changed in place"
assert_eq "$(written)" "[\"issues/$third.yaml\",\"issues/td-feed01.yaml\"]" "files for the id changed in place"

# The row with the largest rowid deleted and a new one inserted: SQLite
# gives the new row the same rowid.
last=$(sqlite3 "$db" "select id from issues order by rowid desc limit 1")
sqlite3 "$db" "delete from issues where id = '$last';
  insert into issues (id, title, status, type, priority, created_at, updated_at)
  values ('td-feed02', 'Same rowid', 'open', 'task', 'P2', '2026-06-02 09:00:00+00:00', '2026-06-02 09:00:00+00:00')"
export_reads "every row" "a rowid reused"
assert_eq "$(written)" "[\"issues/$last.yaml\",\"issues/td-feed02.yaml\"]" "files for the reused rowid"

cp "$tree/issues/$first.yaml" "$WORK/saved.yaml"
# A board renamed to the built-in board's id (never exported): its file must go.
sqlite3 "$db" "delete from boards where id = 'bd-all-issues';
  insert into boards (id, name, created_at, updated_at) values ('bd-feed0001', 'Feed', '2026-06-01 09:00:00', '2026-06-01 09:00:00')"
export_reads "every row" "a board added and the built-in one deleted"
sqlite3 "$db" "update boards set id = 'bd-all-issues' where id = 'bd-feed0001'"
export_reads "every row" "a board renamed to an id export leaves out"
assert_eq "$(written)" '["boards/bd-feed0001.yaml"]' "the renamed board's file removed"

# Another writer of the agreement (an older git-td on PATH) makes the kept fingerprints stale.
sqlite3 "$repo/.git/git-td/base.sqlite" "update meta set value = 'older;' || value where key = 'export_state'"
sqlite3 "$db" "update issues set title = 'After an older git-td', updated_at = '2026-06-02 10:00:00+00:00' where id = '$first'"
export_reads "every row" "fingerprints kept by another export than the last"

cp "$tree/issues/$first.yaml" "$WORK/saved.yaml"
echo "hand edit" >>"$tree/issues/$first.yaml"
sqlite3 "$db" "update issues set title = 'Changed on both sides', updated_at = '2026-06-03 09:00:00+00:00' where id = '$first'"
out=$("$GIT_TD" -C "$repo" --json export 2>/dev/null) || fail "export with a file awaiting import"
assert_eq "$(jq -c .awaiting_import <<<"$out")" "[\"issues/$first.yaml\"]" "the hand-edited file awaits import"
sqlite3 "$db" "update issues set title = 'Again', updated_at = '2026-06-04 09:00:00+00:00' where id = '$second'"
out=$("$GIT_TD" -C "$repo" --json export 2>/dev/null) || fail "export after a disagreement"
assert_eq "$(jq -r .database_read <<<"$out")" "every row" "after an export that left a file awaiting import"
cp "$WORK/saved.yaml" "$tree/issues/$first.yaml"
export_reads "every row" "once the hand edit is undone"

sqlite3 "$db" "alter table issues add column gittd_test_extra TEXT"
export_reads "every row" "a schema change"
sqlite3 "$db" "pragma journal_mode = wal; update issues set title = 'In WAL mode' where id = '$second'" >/dev/null
export_reads "every row" "a database in WAL mode"
grep -q '^title: In WAL mode$' "$tree/issues/$second.yaml" || fail "the change made in WAL mode is not in the file"
sqlite3 "$db" "pragma journal_mode = truncate" >/dev/null
sqlite3 "$db" "update issues set title = 'Back to a rollback journal' where id = '$second'"
export_reads "every row" "the first export back in rollback mode (the last one kept no fingerprints)"
sqlite3 "$db" "update issues set title = 'Cheap again' where id = '$second'"
export_reads "changed rows" "the next change"

out=$("$GIT_TD" -C "$repo" --json export --full 2>/dev/null) || fail "export --full"
assert_eq "$(jq -r .database_read <<<"$out")" "every row" "--full"
echo "ok"
