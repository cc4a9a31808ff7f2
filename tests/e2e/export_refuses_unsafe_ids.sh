#!/usr/bin/env bash
# A record whose id is not a safe file name (path traversal, a slash, a leading
# dot, a newline), or whose text is not UTF-8, makes export fail naming the
# id, and nothing at all is written: the tree stays byte for byte as the last
# good export left it (even the good record changed in the same database
# state), nothing is created outside it, and no temporary files remain.
source "$(dirname "$0")/lib/common.sh"
need_shared

check_refused() {  # LABEL TABLE SQL-VALUES-FOR-THE-BAD-ROW SHOWN-ID
  local label=$1 repo=$WORK/$1
  new_repo "$repo"
  mkdir -p "$repo/sub/dir"
  empty_td_db "$repo/.todos/issues.db"
  sqlite3 "$repo/.todos/issues.db" "insert into issues (id, title) values ('td-aaaaaa', 'good');
    insert into comments (id, issue_id, session_id, text) values ('cm-aaaaaaaa', 'td-aaaaaa', 'ses_1', 'hi')"
  "$GIT_TD" -C "$repo" init >/dev/null
  "$GIT_TD" -C "$repo" export >/dev/null || fail "$label: good export failed"
  local before files
  before=$(snapshot "$repo/.todos/export")
  files=$(cd "$WORK" && find . -path ./logs -prune -o -path '*/.todos/issues.db*' -o -print | sort)

  # A good change and the bad row in the same database state.
  sqlite3 "$repo/.todos/issues.db" "update issues set title = 'changed' where id = 'td-aaaaaa';
    insert into $2 values ($3)"
  local status=0
  "$GIT_TD" -C "$repo" export >"$WORK/logs/$label.out" 2>"$WORK/logs/$label.err" || status=$?
  [ "$status" -ne 0 ] || fail "$label: export of an unsafe id succeeded"
  grep -qF -- "$4" "$WORK/logs/$label.err" || fail "$label: error does not name the id: $(cat "$WORK/logs/$label.err")"
  assert_eq "$(snapshot "$repo/.todos/export")" "$before" "$label: export tree changed by the refused export"
  assert_eq "$(cd "$WORK" && find . -path ./logs -prune -o -path '*/.todos/issues.db*' -o -print | sort)" "$files" \
    "$label: files created or removed by the refused export"
}

issue() { echo "'$1', ${2:-'bad'}, '', 'open', 'task', 'P2', 0, '', '', '', '', '',
  '2026-01-01 00:00:00', '2026-01-01 00:00:00', null, null, 0, '', '', '', null, null, 0, null, '', ''"; }

mkdir -p "$WORK/logs"
check_refused traversal issues "$(issue ../../x)" "../../x"
check_refused slash issues "$(issue a/b)" "a/b"
check_refused hidden issues "$(issue .hidden)" ".hidden"
check_refused newline issues "$(issue "td-nl'||char(10)||'x")" "td-nl"
check_refused empty issues "$(issue '')" "id ''"
check_refused comment-traversal comments "'../../../x', 'td-aaaaaa', 'ses_1', 'evil', '2026-01-01'" "../../../x"
# Same all-or-nothing refusal for text that is not UTF-8 (the error names the row).
check_refused non-utf8 issues "$(issue td-bad001 "cast(x'41ff42' as text)")" "td-bad001"
check_refused dependency-absolute issue_dependencies "'$WORK/x', 'td-aaaaaa', 'td-aaaaaa', 'blocks'" "$WORK/x"
