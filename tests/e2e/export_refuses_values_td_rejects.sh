#!/usr/bin/env bash
# Export enforces every limit import enforces (DESIGN §3.1, issue 9): a row
# whose record would be over import's 16 MiB, an integer column holding a REAL
# (1e26, written by a raw sqlite write), a DATETIME that does not parse, a
# status td rejects or a boolean that is 7 makes export fail naming the kind,
# the id and the field, and nothing is written: the tree and the base store
# stay as the last good export left them, even for a good change in the same
# database state. Once the row is fixed, export goes through.
source "$(dirname "$0")/lib/common.sh"
need_shared

# check_refused LABEL SQL FIELD: SQL makes td-bbbbbb bad; export must name it and FIELD.
check_refused() {
  local label=$1 repo=$WORK/$1 rc=0
  local db=$repo/.todos/issues.db
  new_repo "$repo"
  empty_td_db "$db"
  add_issue "$db" td-aaaaaa "good"
  add_issue "$db" td-bbbbbb "to be broken"
  "$GIT_TD" -C "$repo" init >/dev/null
  "$GIT_TD" -C "$repo" export >/dev/null || fail "$label: good export failed"
  local before base_before
  before=$(snapshot "$repo/.todos/export")
  base_before=$(sha256sum <"$repo/.git/git-td/base.sqlite")

  set_title "$db" td-aaaaaa "changed" "2026-04-02 09:00:00+00:00"
  sqlite3 "$db" "$2"
  "$GIT_TD" -C "$repo" export >"$WORK/$label.out" 2>"$WORK/$label.err" || rc=$?
  [ "$rc" -ne 0 ] || fail "$label: export of a row td rejects succeeded"
  grep -qF "issue td-bbbbbb" "$WORK/$label.err" || fail "$label: error does not name the record: $(cat "$WORK/$label.err")"
  grep -qF "'$3'" "$WORK/$label.err" || fail "$label: error does not name the field '$3': $(cat "$WORK/$label.err")"
  assert_eq "$(snapshot "$repo/.todos/export")" "$before" "$label: export tree changed by the refused export"
  assert_eq "$(sha256sum <"$repo/.git/git-td/base.sqlite")" "$base_before" "$label: base store changed"
  assert_eq "$(find "$repo/.todos/export" -name '*.tmp*' | wc -l | tr -d ' ')" 0 "$label: temporary files left"

  # Fixed with td (here: the same column set to a value td accepts), export goes through.
  sqlite3 "$db" "$4"
  "$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/$label.fixed.err" || fail "$label: export after the fix: $(cat "$WORK/$label.fixed.err")"
  grep -q "^title: changed$" "$repo/.todos/export/issues/td-aaaaaa.yaml" || fail "$label: the good change after the fix"
}

bad() { echo "update issues set $1 where id = 'td-bbbbbb'"; }
# 17 MiB of text: hex() of a zeroblob is two characters per byte.
check_refused big-description "$(bad "description = hex(zeroblob(17 * 1024 * 1024 / 2))")" description \
  "$(bad "description = 'short'")"
grep -qF "16777216-byte limit" "$WORK/big-description.err" || fail "the size error does not give the limit"
check_refused real-in-integer "$(bad "points = 1e26")" points "$(bad "points = 3")"
check_refused real-defer-count "$(bad "defer_count = 1e26")" defer_count "$(bad "defer_count = 0")"
check_refused bad-created-at "$(bad "created_at = '2026-13-45T99:99:99Z'")" created_at \
  "$(bad "created_at = '2026-04-01 09:00:00+00:00'")"
grep -qF "not a timestamp td can read" "$WORK/bad-created-at.err" || fail "the timestamp error does not say why"
check_refused bad-status "$(bad "status = 'pwned'")" status "$(bad "status = 'open'")"
grep -qF "td accepts only open, in_progress, blocked, in_review, closed" "$WORK/bad-status.err" ||
  fail "the status error does not list td's values: $(cat "$WORK/bad-status.err")"
check_refused minor-seven "$(bad "minor = 7")" minor "$(bad "minor = 1")"
