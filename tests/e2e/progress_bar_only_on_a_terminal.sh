#!/usr/bin/env bash
# The progress bar (issue 11): export, import, init and sync draw one on
# stderr when it is a terminal and a step runs over a second
# (GITTD_PROGRESS_DELAY_MS=0 stands in for the second here), and never in a
# pipe, in a CI log (CI set) or with --json. A quick step on a terminal
# draws nothing. Each step ends once with ", done." (libgit2 reports a
# fetch again while it indexes the pack: said once); the bar never reaches
# stdout and never shares a line with what follows it.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_shared
# on_terminal COMMAND...: stderr on a pseudo-terminal; what it showed there
# comes out on this function's stderr.
on_terminal() { python3 "$(dirname "$0")/lib/stderr_on_terminal.py" "$@"; }
# steps_done FILE STEP: how many times STEP ended with ", done."
steps_done() { tr '\r' '\n' <"$1" | grep -c "^$2: 100% \[#*\] \([0-9]*\)/\1, done\.$" || true; }

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
# 1999 issues and td's built-in board row, which is no record: the total counts records only.
sqlite3 "$repo/.todos/issues.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
  INSERT INTO issues (id, title, created_at, updated_at)
  SELECT printf('td-%06x', i), 'Issue ' || i, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n" || fail "issues"
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "init"

unset CI
export GITTD_PROGRESS_DELAY_MS=0
on_terminal "$GIT_TD" -C "$repo" export >"$WORK/export.out" 2>"$WORK/export.tty" || fail "export on a terminal"
assert_eq "$(steps_done "$WORK/export.tty" exporting)" 1 "export's bar ends once"
tr '\r' '\n' <"$WORK/export.tty" | grep -q '^exporting: 50% .* 1000/1999$' ||
  fail "no bar before the end: $(head -c 600 "$WORK/export.tty")"
if tr '\r' '\n' <"$WORK/export.tty" | grep -q '2000/1999'; then fail "the bar went past its total"; fi
if grep -q 'exporting' "$WORK/export.out"; then fail "the bar on stdout"; fi
grep -q '^1999 records; wrote 1999' "$WORK/export.out" || fail "export's summary: $(cat "$WORK/export.out")"
commit_all "$repo" "tasks"

# Nothing on a terminal in JSON mode or under CI, nothing in a pipe.
on_terminal "$GIT_TD" -C "$repo" --json export --full >"$WORK/json.out" 2>"$WORK/json.tty" || fail "export --json"
if grep -q 'exporting' "$WORK/json.tty"; then fail "a bar in JSON mode"; fi
jq -e .records "$WORK/json.out" >/dev/null || fail "stdout is no JSON document: $(head -c 300 "$WORK/json.out")"
CI=true on_terminal "$GIT_TD" -C "$repo" export --full >/dev/null 2>"$WORK/ci.tty" || fail "export under CI"
if grep -q 'exporting' "$WORK/ci.tty"; then fail "a bar under CI"; fi
"$GIT_TD" -C "$repo" export --full >"$WORK/pipe.out" 2>"$WORK/pipe.err" || fail "export in a pipe"
if grep -q 'exporting' "$WORK/pipe.out" "$WORK/pipe.err"; then fail "a bar in a pipe"; fi
# A quick export (the default second has not passed) draws nothing.
GITTD_PROGRESS_DELAY_MS='' on_terminal "$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/quick.tty" || fail "quick export"
if grep -q 'exporting' "$WORK/quick.tty"; then fail "a bar for a quick step"; fi

# A clone: init creates the database and imports the tree, with a bar.
git clone -q "$repo" "$WORK/clone" || fail "clone"
on_terminal "$GIT_TD" -C "$WORK/clone" init >"$WORK/init.out" 2>"$WORK/init.tty" || fail "init in the clone"
# Kind by kind (only issues here), counting the files looked at; the
# records read ahead of td's lock are then written in a step of their own.
tr '\r' '\n' <"$WORK/init.tty" | grep -q '^importing issues: 1000$' || fail "no importing bar: $(head -c 600 "$WORK/init.tty")"
assert_eq "$(steps_done "$WORK/init.tty" 'importing issues')" 1 "init's importing ends once"
assert_eq "$(steps_done "$WORK/init.tty" writing)" 1 "init's writing ends once"
tr '\r' '\n' <"$WORK/init.tty" | grep -q '^writing: 100% .* 1999/1999, done\.$' ||
  fail "no writing bar: $(head -c 600 "$WORK/init.tty")"
grep -q '^wrote .todos/export/git-td.yaml\|^kept .todos/export/git-td.yaml' "$WORK/init.out" ||
  fail "init's report: $(head -3 "$WORK/init.out")"

# Sync over git:// (libgit2 reports the transfer there; a local path it copies).
start_git_daemon
trap 'kill "$DAEMON_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
url=$DAEMON_URL/origin.git
"$GIT_TD" -C "$WORK/clone" init --mode branch --remote "$url" >/dev/null 2>&1 || fail "init --mode branch"
on_terminal "$GIT_TD" -C "$WORK/clone" sync >"$WORK/sync.out" 2>"$WORK/sync.tty" || fail "sync: $(cat "$WORK/sync.tty")"
assert_eq "$(steps_done "$WORK/sync.tty" exporting)" 1 "sync's export ends once"
assert_eq "$(steps_done "$WORK/sync.tty" 'pushing objects')" 1 "sync's push ends once"
grep -q 'pushed' "$WORK/sync.out" || fail "sync's summary: $(cat "$WORK/sync.out")"

git clone -q "$repo" "$WORK/second" || fail "second clone"
"$GIT_TD" -C "$WORK/second" init --mode branch --remote "$url" >/dev/null 2>&1 || fail "init the second clone"
on_terminal "$GIT_TD" -C "$WORK/second" sync >/dev/null 2>"$WORK/fetch.tty" || fail "second sync: $(cat "$WORK/fetch.tty")"
assert_eq "$(steps_done "$WORK/fetch.tty" 'receiving objects')" 1 "the fetch's bar ends once"

git clone -q "$repo" "$WORK/third" || fail "third clone"
"$GIT_TD" -C "$WORK/third" init --mode branch --remote "$url" >/dev/null 2>&1 || fail "init the third clone"
on_terminal "$GIT_TD" -C "$WORK/third" --json sync >"$WORK/json-sync.out" 2>"$WORK/json-sync.tty" ||
  fail "sync --json: $(cat "$WORK/json-sync.out")"
if grep -q 'objects\|exporting\|writing' "$WORK/json-sync.tty"; then fail "a bar in JSON mode: $(cat "$WORK/json-sync.tty")"; fi
jq -e .merge "$WORK/json-sync.out" >/dev/null || fail "sync --json stdout: $(head -c 300 "$WORK/json-sync.out")"
echo ok
