#!/usr/bin/env bash
# Import writes under td's lock (DESIGN §5: exclusive flock on .todos/db.lock,
# td waits up to 5 s). While another process holds the lock for 2 s, an import
# started meanwhile waits for it and then succeeds (and leaves td's pid:/time:
# holder lines in the lock file). While the lock is held for 8 s, the import
# gives up with a 'locked' error naming db.lock and the database is unchanged;
# once the holder is gone, the same import succeeds.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python
command -v flock >/dev/null || skip "needs flock(1) from util-linux"

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export lock=$WORK/repo/.todos/db.lock
new_repo "$repo"
empty_td_db "$db"
for n in 1 2; do
  sqlite3 "$db" "insert into issues (id, title, created_at, updated_at)
    values ('td-a0000$n', 'Issue $n', '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00')"
done
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "export"

# retitle ID TITLE: an edit in the tree that import will write to the database.
retitle() { sed -i "s/^title: .*/title: $2/" "$tree/issues/$1.yaml"; }
title() { sqlite3 "$db" "select title from issues where id = '$1'"; }
# wait_for FILE PID: until holder PID says it has the lock (no time limit here: ctest's applies).
wait_for() {
  while [ ! -e "$1" ]; do
    kill -0 "$2" 2>/dev/null || fail "the lock holder ended before taking the lock"
    sleep 0.05
  done
}

# 1. Held for 2 s by flock(1): import waits, then writes.
retitle td-a00001 "Imported after the wait"
flock -x "$lock" sh -c "touch '$WORK/held-2'; sleep 2; echo released >>'$WORK/order'" &
holder=$!
wait_for "$WORK/held-2" "$holder"
"$GIT_TD" -C "$repo" import >"$WORK/out" 2>"$WORK/err" &
importer=$!
rc=0
wait "$importer" || rc=$?
echo imported >>"$WORK/order"
wait "$holder"
assert_eq "$rc" 0 "import while the lock was held for 2 s (stderr: $(cat "$WORK/err"))"
assert_eq "$(cat "$WORK/order")" "released
imported" "the import finished before the holder released the lock"
assert_eq "$(title td-a00001)" "Imported after the wait" "the waiting import's write"
grep -qx "pid:$importer" "$lock" || fail "td's lock file does not name the importer (pid:$importer): $(cat "$lock")"
grep -q '^time:' "$lock" || fail "td's lock file has no time: line: $(cat "$lock")"

# 2. Held for 8 s (longer than td's 5 s wait): import fails, names the lock, changes nothing.
retitle td-a00002 "Never imported while locked"
"$PY" - "$lock" "$WORK/held-8" <<'PY' &
import fcntl, sys, time
with open(sys.argv[1], "a") as f:
    fcntl.flock(f, fcntl.LOCK_EX)
    open(sys.argv[2], "w").close()
    time.sleep(8)
PY
holder=$!
wait_for "$WORK/held-8" "$holder"
before=$(sha256sum "$db" "$repo/.git/git-td/base.sqlite")
rc=0
out=$("$GIT_TD" -C "$repo" --output json import 2>"$WORK/err") || rc=$?
after=$(sha256sum "$db" "$repo/.git/git-td/base.sqlite")
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
assert_eq "$rc" 1 "import while the lock was held for 8 s"
grep -qi "locked" "$WORK/err" || fail "the error does not say 'locked': $(cat "$WORK/err")"
grep -q "db.lock" "$WORK/err" || fail "the error does not name db.lock: $(cat "$WORK/err")"
jq -e '.error.code | test("lock")' <<<"$out" >/dev/null || fail "JSON error code is not a lock error: $out"
assert_eq "$after" "$before" "the database or the base store changed while locked"
assert_eq "$(title td-a00002)" "Issue 2" "the locked-out edit"

# 3. The holder is gone: the same import goes through.
"$GIT_TD" -C "$repo" import >/dev/null 2>"$WORK/err" || fail "import after the lock was released: $(cat "$WORK/err")"
assert_eq "$(title td-a00002)" "Never imported while locked" "the edit after the lock was released"
