#!/usr/bin/env bash
# Import refuses a record file holding a value td's own readers reject (issue
# 9): a status, type, priority or points td does not know, a timestamp that
# does not parse, an integer beyond 64 bits or quoted, a number or null where
# td wants true/false, a null where td cannot read one. Each is refused with
# exit 1 and an error naming the file, the line and the field; the database
# stays byte-identical (a valid edit in the same import is not written either)
# and td's own reader (tdread) still reads it. Timestamps in every form td
# writes are still imported.
source "$(dirname "$0")/lib/common.sh"
need_shared
TDREAD=$SHARED/td/bin/tdread
[ -x "$TDREAD" ] || skip "needs $TDREAD (../shared/td/bin)"

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 2
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "export"
"$GIT_TD" -C "$repo" import >/dev/null || fail "first import"
"$TDREAD" -o "$WORK/tdread.json" "$db" >/dev/null 2>&1 || fail "tdread does not read the test database"

issue1=$tree/issues/td-a00001.yaml issue2=$tree/issues/td-a00002.yaml comment1=$tree/comments/cm-00000001.yaml
line_of() { grep -n -m1 -- "$2" "$1" | cut -d: -f1; }
# set_field FILE KEY VALUE: replaces the top-level line `KEY: …` with `KEY: VALUE`.
set_field() {
  local file=$1 key=$2 value=$3 tmp
  grep -q "^$key: " "$file" || fail "no '$key:' line in $file"
  tmp=$(mktemp "$WORK/edit.XXXXXX")
  awk -v key="$key" -v value="$value" 'index($0, key ": ") == 1 && !done { print key ": " value; done = 1; next } { print }' \
    "$file" >"$tmp" && mv "$tmp" "$file"
}
state() { sha256sum "$db" "$repo/.git/git-td/base.sqlite" | cut -d' ' -f1 | tr '\n' ' '; }
before=$(state)
rel() { echo "${1#"$repo"/}"; }

# refused LABEL FILE KEY VALUE: FILE's KEY set to VALUE (and a valid edit to
# another issue) is refused naming file:line and the field; nothing changes.
refused() {
  local label=$1 file=$2 key=$3 value=$4 rc=0 out
  set_field "$issue2" title "A valid edit made in the tree"
  set_field "$file" "$key" "$value"
  local where
  where="$(rel "$file"):$(line_of "$file" "^$key: "): '$key'"
  out=$("$GIT_TD" -C "$repo" import 2>"$WORK/err") || rc=$?
  assert_eq "$rc" 1 "$label: exit status of the refused import (stdout: $out; stderr: $(cat "$WORK/err"))"
  grep -qF -- "$where" "$WORK/err" || fail "$label: the error does not name '$where': $(cat "$WORK/err")"
  assert_eq "$(state)" "$before" "$label: the database or the base store changed"
  "$TDREAD" -o /dev/null "$db" >"$WORK/tdread.out" 2>&1 || fail "$label: tdread fails after the refused import: $(cat "$WORK/tdread.out")"
  git -C "$repo" checkout -q -- .todos/export
}

refused "unknown status" "$issue1" status pwned
refused "unknown type" "$issue1" type story
refused "unknown priority" "$issue1" priority P9
refused "points not in td's set" "$issue1" points 4
refused "points as text" "$issue1" points '"3"'
refused "minor as a number" "$issue1" minor 7
refused "minor as null" "$issue1" minor null
refused "defer_count as null" "$issue1" defer_count null
refused "integer beyond 64 bits" "$issue1" defer_count 100000000000000000000000000
refused "integer as a float" "$issue1" defer_count 1e26
refused "created_at that does not parse" "$issue1" created_at '"2026-13-45T99:99:99Z"'
refused "closed_at as empty text" "$issue1" closed_at '""'
refused "title as null" "$issue1" title null
refused "comment created_at that does not parse" "$comment1" created_at '"yesterday"'
grep -qF "not a timestamp td can read" "$WORK/err" || fail "the timestamp error does not say why: $(cat "$WORK/err")"

# Every form td writes is read, and written back in td's canonical text.
set_field "$issue1" status closed
set_field "$issue1" closed_at '"2026-04-02 12:00:00.5+02:00"'
set_field "$issue1" updated_at '"2026-04-02 10:00:01"'
set_field "$issue2" updated_at '"2026-04-01 05:00:01 -0400 EDT m=+0.02"'
set_field "$issue2" title "Retitled"
"$GIT_TD" -C "$repo" import >/dev/null 2>"$WORK/err" || fail "import of valid timestamps: $(cat "$WORK/err")"
assert_eq "$(sqlite3 "$db" "select status, closed_at from issues where id = 'td-a00001'")" \
  "closed|2026-04-02 10:00:00.5+00:00" "closed_at in td's canonical text"
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-a00002'")" "Retitled" "the other valid edit"
"$TDREAD" -o /dev/null "$db" >"$WORK/tdread.out" 2>&1 || fail "tdread after the valid import: $(cat "$WORK/tdread.out")"
