#!/usr/bin/env bash
# An interrupted export leaves the tree as it was, and never anything git
# would pick up (DESIGN §3.1, decision 115). Files that exist are replaced
# through temporaries in .todos/.git/; files nobody had are created in place
# under a journal.
#  (a) an export creating new files stopped by SIGTERM (or SIGHUP) half-way
#      removes what it created and its journal, then dies of the signal;
#  (b) one killed with SIGKILL leaves files and its journal; the next import
#      removes the files (and imports nothing), the next export writes all;
#  (c) an export replacing files stopped by SIGTERM removes its temporaries
#      and leaves every file as it was; one killed with SIGKILL leaves them
#      in .todos/.git/, where git never looks, and the next export removes them;
#  (d) a temporary an older git-td left beside a record is removed too, by an
#      export that lists the folders (--full; one that reads only the rows
#      td changed lists nothing, decision 90);
#  (e) the commit through the hook carries no temporary file.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db temp=$WORK/repo/.todos/.git issues=$WORK/repo/.todos/export/issues
journal=$repo/.git/git-td/new-files.journal
td_repo "$repo"
sqlite3 "$db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 8000)
  insert into issues (id, title, description, status, type, priority, created_at, updated_at)
  select printf('td-%06d', i), 'Issue ' || i, printf('%.500c', 'x'), 'open', 'task', 'P2',
    '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n"

temp_files() { find "$repo" -name '*tmp-git-td-*' -type f | wc -l | tr -d ' '; }
git_sees_temp() { git -C "$repo" status --porcelain --untracked-files=all --ignored | grep -c 'tmp-git-td' || true; }
tree_digest() { (cd "$repo/.todos/export" && find . -type f | sort | xargs cat | sha256sum); }

# interrupted SIGNAL READY: starts an export, sends SIGNAL once READY (a
# command) succeeds; $status is its exit status.
interrupted() {
  local pid tries=0
  "$GIT_TD" -C "$repo" export >/dev/null 2>&1 &
  pid=$!
  until $2; do
    kill -0 "$pid" 2>/dev/null || fail "$1: export ended before it was interrupted (too fast to test)"
    tries=$((tries + 1))
    [ "$tries" -lt 4000 ] || fail "$1: the export never got there"
    sleep 0.005
  done
  kill "-$1" "$pid"
  status=0
  wait "$pid" || status=$?
}
records_created() { [ -d "$issues" ] && [ -n "$(ls -A "$issues")" ]; }
temporaries_made() { [ -d "$temp" ] && [ -n "$(ls -A "$temp")" ]; }

# (a)
for signal in TERM HUP; do
  interrupted "$signal" records_created
  assert_eq "$status" "$((128 + $(kill -l "$signal")))" "export killed by SIG$signal: exit status"
  assert_eq "$(count_files "$issues")" 0 "SIG$signal: records left by a stopped export"
  [ ! -e "$journal" ] || fail "SIG$signal: the journal outlived the export that undid itself"
  assert_eq "$(temp_files)" 0 "SIG$signal: temporary files left"
done

# (b)
db_before=$(sha256sum <"$db")
interrupted KILL records_created
left=$(count_files "$issues")
[ "$left" -gt 0 ] || fail "SIGKILL left no record file (nothing to test)"
[ -e "$journal" ] || fail "SIGKILL: no journal names the files it left"
"$GIT_TD" -C "$repo" import >"$WORK/import.out" 2>"$WORK/import.err" ||
  { cat "$WORK/import.err" >&2; fail "the import after SIGKILL failed"; }
grep -q "removed $left record files an export that was killed had begun" "$WORK/import.err" ||
  fail "the import does not say what it removed: $(cat "$WORK/import.err")"
assert_eq "$(count_files "$issues")" 0 "record files after the import that followed SIGKILL"
assert_eq "$(sha256sum <"$db")" "$db_before" "the import after SIGKILL changed the database"
[ ! -e "$journal" ] || fail "the journal outlived its recovery"
"$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/export.err" || { cat "$WORK/export.err" >&2; fail "export failed"; }
assert_eq "$(count_files "$issues")" 8000 "records after the next export"
[ ! -e "$journal" ] || fail "a finished export left its journal"

# (c)
sqlite3 "$db" "update issues set description = printf('%.600c', 'y'), updated_at = '2026-04-02 09:00:00+00:00'"
before=$(tree_digest)
interrupted TERM temporaries_made
assert_eq "$status" "$((128 + 15))" "replacing export killed by SIGTERM: exit status"
assert_eq "$(temp_files)" 0 "SIGTERM: temporary files left"
assert_eq "$(tree_digest)" "$before" "SIGTERM: files changed by a stopped export"
interrupted KILL temporaries_made
left=$(temp_files)
[ "$left" -gt 0 ] || fail "SIGKILL left no temporary file (nothing to test)"
assert_eq "$(git_sees_temp)" 0 "git status shows what SIGKILL left"
git -C "$repo" add -A
assert_eq "$(git -C "$repo" diff --cached --name-only | grep -c tmp-git-td || true)" 0 "git add -A staged temporaries"
git -C "$repo" reset -q

# (d)
dead=$(sh -c 'echo $$')
echo "half" >"$issues/td-000001.yaml.tmp-git-td-$dead"
"$GIT_TD" -C "$repo" export --full >/dev/null 2>"$WORK/export.err" || { cat "$WORK/export.err" >&2; fail "export failed"; }
assert_eq "$(temp_files)" 0 "stale temporary files after the next export"
assert_eq "$(count_files "$issues")" 8000 "records after the next export"
assert_eq "$(grep -c yyyy "$issues/td-004000.yaml")" 1 "the replaced record after the next export"

# (e)
add_issue "$db" td-a00001 "One more"
git -C "$repo" commit -q --allow-empty -m "with the export" 2>"$WORK/commit.err" ||
  { cat "$WORK/commit.err" >&2; fail "commit failed"; }
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD | grep -c tmp-git-td || true)" 0 "temporaries committed"
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD .todos/export/issues | wc -l | tr -d ' ')" 8001 \
  "records committed"
echo "ok"
