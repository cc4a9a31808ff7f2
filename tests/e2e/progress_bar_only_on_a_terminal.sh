#!/usr/bin/env bash
# The progress bar (issue 11): export, import, init and sync draw one on
# stderr when it is a terminal and a step runs over a second
# (GITTD_PROGRESS_DELAY_MS=0 stands in for the second here), and never in a
# pipe, in a CI log (CI set) or with --json. A quick step on a terminal
# draws nothing. The bar never reaches stdout.
source "$(dirname "$0")/lib/common.sh"
need_shared
on_terminal() { python3 "$(dirname "$0")/lib/stderr_on_terminal.py" "$@"; }

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
sqlite3 "$repo/.todos/issues.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
  INSERT INTO issues (id, title, created_at, updated_at)
  SELECT printf('td-%06x', i), 'Issue ' || i, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n" || fail "issues"
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "init"

unset CI
export GITTD_PROGRESS_DELAY_MS=0
on_terminal "$GIT_TD" -C "$repo" export >"$WORK/export.out" || fail "export on a terminal"
grep -q 'exporting: 100% \[#*\] [0-9]*/[0-9]*, done\.' "$WORK/export.out" || fail "no bar: $(head -c 600 "$WORK/export.out")"
grep -q 'exporting: [0-9]*% .* 1000/' "$WORK/export.out" || fail "no bar before the end: $(head -c 600 "$WORK/export.out")"
commit_all "$repo" "tasks"

# Nothing on a terminal in JSON mode or under CI, nothing in a pipe.
on_terminal "$GIT_TD" -C "$repo" --json export --full >"$WORK/json.out" || fail "export --json"
if grep -q 'exporting' "$WORK/json.out"; then fail "a bar in JSON mode"; fi
CI=true on_terminal "$GIT_TD" -C "$repo" export --full >"$WORK/ci.out" || fail "export under CI"
if grep -q 'exporting' "$WORK/ci.out"; then fail "a bar under CI"; fi
"$GIT_TD" -C "$repo" export --full >"$WORK/pipe.out" 2>"$WORK/pipe.err" || fail "export in a pipe"
if grep -q 'exporting' "$WORK/pipe.out" "$WORK/pipe.err"; then fail "a bar in a pipe"; fi
# A quick export (the default second has not passed) draws nothing.
GITTD_PROGRESS_DELAY_MS= on_terminal "$GIT_TD" -C "$repo" export >"$WORK/quick.out" || fail "quick export"
if grep -q 'exporting' "$WORK/quick.out"; then fail "a bar for a quick step"; fi

# A clone: init creates the database and imports the tree, with a bar.
git clone -q "$repo" "$WORK/clone" || fail "clone"
on_terminal "$GIT_TD" -C "$WORK/clone" init >"$WORK/init.out" || fail "init in the clone: $(cat "$WORK/init.out")"
grep -q 'reading the tree: 1000' "$WORK/init.out" || fail "no reading bar: $(head -c 600 "$WORK/init.out")"
grep -q 'writing: 100% \[#*\] [0-9]*/[0-9]*, done\.' "$WORK/init.out" || fail "no writing bar"
# The bar never mixes with stdout: the first line of init's report is whole.
"$GIT_TD" -C "$WORK/clone" import >/dev/null 2>&1 || fail "import"

# Another clone imports with a bar too.
git clone -q "$repo" "$WORK/clone2" || fail "clone2"
on_terminal "$GIT_TD" -C "$WORK/clone2" import >"$WORK/import.out" || fail "import in a clone"
grep -q 'planning: 100%.*, done\.' "$WORK/import.out" || fail "no planning bar: $(head -c 600 "$WORK/import.out")"
grep -q '^changed [0-9]* records' "$WORK/import.out" || fail "import's summary not on a line of its own"

# Sync: the transfer and the export show, and stdout keeps its summary.
git init -q --bare "$WORK/remote.git"
"$GIT_TD" -C "$WORK/clone" init --mode branch --remote "$WORK/remote.git" >/dev/null 2>&1 || fail "init --mode branch"
on_terminal "$GIT_TD" -C "$WORK/clone" sync >"$WORK/sync.out" || fail "sync: $(cat "$WORK/sync.out")"
grep -q 'exporting: 100%.*, done\.' "$WORK/sync.out" || fail "no export bar in sync: $(head -c 600 "$WORK/sync.out")"
grep -q 'pushing objects: 100%.*, done\.' "$WORK/sync.out" || fail "no push bar in sync: $(head -c 800 "$WORK/sync.out")"
on_terminal "$GIT_TD" -C "$WORK/clone2" --json sync "$WORK/remote.git" >"$WORK/sync2.out" 2>&1 || true
if grep -q 'receiving objects' "$WORK/sync2.out"; then fail "a transfer bar in JSON mode"; fi
echo ok
