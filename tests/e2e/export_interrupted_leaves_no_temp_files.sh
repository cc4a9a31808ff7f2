#!/usr/bin/env bash
# Temporary files never reach git and never outlive git-td (DESIGN §3.1):
#  (a) an export of a large database stopped by SIGTERM (or SIGHUP) half-way
#      removes its temporary files before dying of the signal;
#  (b) one killed with SIGKILL leaves them in .todos/.git/, where git never
#      looks (git status shows nothing), and the next export removes them;
#  (c) a temporary an older git-td left beside a record is removed too, by an
#      export that lists the folders (--full; one that reads only the rows
#      td changed lists nothing, decision 90);
#  (d) the commit through the hook carries no temporary file.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db temp=$WORK/repo/.todos/.git
td_repo "$repo"
sqlite3 "$db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 8000)
  insert into issues (id, title, description, status, type, priority, created_at, updated_at)
  select printf('td-%06d', i), 'Issue ' || i, printf('%.500c', 'x'), 'open', 'task', 'P2',
    '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n"

temp_files() { find "$repo" -name '*tmp-git-td-*' -type f | wc -l | tr -d ' '; }
git_sees_temp() { git -C "$repo" status --porcelain --untracked-files=all --ignored | grep -c 'tmp-git-td' || true; }

# interrupted SIGNAL: starts an export, sends SIGNAL once temporaries exist; $status is its exit status.
interrupted() {
  local pid tries=0
  "$GIT_TD" -C "$repo" export >/dev/null 2>&1 &
  pid=$!
  until [ -d "$temp" ] && [ -n "$(ls -A "$temp")" ]; do
    kill -0 "$pid" 2>/dev/null || fail "$1: export ended before it was interrupted (too fast to test)"
    tries=$((tries + 1))
    [ "$tries" -lt 2000 ] || fail "$1: no temporary file showed up"
    sleep 0.01
  done
  kill "-$1" "$pid"
  status=0
  wait "$pid" || status=$?
}

# (a)
for signal in TERM HUP; do
  interrupted "$signal"
  assert_eq "$status" "$((128 + $(kill -l "$signal")))" "export killed by SIG$signal: exit status"
  assert_eq "$(temp_files)" 0 "SIG$signal: temporary files left"
  assert_eq "$(git_sees_temp)" 0 "SIG$signal: git status shows temporary files"
  assert_eq "$(count_files "$repo/.todos/export/issues")" 0 "SIG$signal: records landed from a stopped export"
done

# (b)
interrupted KILL
left=$(temp_files)
[ "$left" -gt 0 ] || fail "SIGKILL left no temporary file (nothing to test)"
assert_eq "$(git_sees_temp)" 0 "git status shows what SIGKILL left"
git -C "$repo" add -A
assert_eq "$(git -C "$repo" diff --cached --name-only | grep -c tmp-git-td || true)" 0 "git add -A staged temporaries"
git -C "$repo" reset -q

# (c)
dead=$(sh -c 'echo $$')
mkdir -p "$repo/.todos/export/issues"
echo "half" >"$repo/.todos/export/issues/td-000001.yaml.tmp-git-td-$dead"
"$GIT_TD" -C "$repo" export --full >/dev/null 2>"$WORK/export.err" || { cat "$WORK/export.err" >&2; fail "export failed"; }
assert_eq "$(temp_files)" 0 "stale temporary files after the next export"
assert_eq "$(count_files "$repo/.todos/export/issues")" 8000 "records after the next export"

# (d)
add_issue "$db" td-a00001 "One more"
git -C "$repo" commit -q --allow-empty -m "with the export" 2>"$WORK/commit.err" ||
  { cat "$WORK/commit.err" >&2; fail "commit failed"; }
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD | grep -c tmp-git-td || true)" 0 "temporaries committed"
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD .todos/export/issues | wc -l | tr -d ' ')" 8001 \
  "records committed"
echo "ok"
