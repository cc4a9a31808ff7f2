#!/usr/bin/env bash
# When `git td resolve` re-keys the record THIS clone created (an add/add id
# collision where this clone's record is the later-created one), the rows of
# this clone's database that name the old id and that the tree could not
# carry follow the record to its new id at the next import: a log written
# after the last commit, the machine-local focus (session_state), a git
# snapshot and the session history. The other clone's record takes the old
# id, and the next export writes the new log under this clone's record.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python
TDREAD=$SHARED/td/bin/tdread

origin=$WORK/origin
plain_repo "$origin"
issue_db "$origin/.todos/issues.db" td-a00001
"$GIT_TD" -C "$origin" export >/dev/null || fail "export"
commit_in "$origin" "first export"

clone_with_work "$origin" A "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of A', 'open', 'task', 'P2', '2026-04-02 10:00:00+00:00', '2026-04-02 10:00:00+00:00', 'ses_aaaaaa');"
clone_with_work "$origin" B "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of B', 'open', 'task', 'P2', '2026-04-02 11:00:00+00:00', '2026-04-02 11:00:00+00:00', 'ses_bbbbbb');
  insert into comments (id, issue_id, session_id, text, created_at)
  values ('cm-bbbbbbb1', 'td-c00001', 'ses_bbbbbb', 'B comments', '2026-04-02 11:02:00+00:00');"

# B works on its issue after its commit: nothing of this is in any tree.
db=$WORK/B/.todos/issues.db
sqlite3 "$db" "insert into logs (id, issue_id, session_id, message, type, timestamp)
  values ('lg-bbbbbbb9', 'td-c00001', 'ses_bbbbbb', 'B logs after committing', 'progress', '2026-04-02 12:00:00+00:00');
  insert into session_state (session_id, worktree_id, focused_issue_id) values ('ses_bbbbbb', '', 'td-c00001');
  insert into git_snapshots (id, issue_id, event, commit_sha, branch) values ('gs-bbbbbbb1', 'td-c00001', 'start', 'abc', 'main');
  insert into issue_session_history (id, issue_id, session_id, action) values ('td-bbbbb1', 'td-c00001', 'ses_bbbbbb', 'started');"

git -C "$WORK/B" fetch -q "$WORK/A" main
if git -C "$WORK/B" merge --no-edit FETCH_HEAD >/dev/null 2>&1; then fail "B's merge did not conflict"; fi
json=$("$GIT_TD" -C "$WORK/B" --output json resolve) || fail "resolve in B exited $?: $json"
new=$(jq -r '.steps[] | select(.action == "re-keyed") | .path' <<<"$json" | sed 's|.*/||; s|\.yaml$||')
[[ $new =~ ^td-[0-9a-f]{6}$ ]] || fail "B's own record was not re-keyed: $json"
git -C "$WORK/B" commit -q --no-edit || fail "git commit after resolve"

"$GIT_TD" -C "$WORK/B" import >/dev/null 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "import after resolve"; }
grep -q "td-c00001: this clone's record was re-keyed to '$new'" "$WORK/import.err" ||
  fail "import did not say the record moved: $(cat "$WORK/import.err")"
q() { sqlite3 "$db" "$1"; }
assert_eq "$(q "select title from issues where id = 'td-c00001'")" "Issue of A" "td: the old id is A's issue"
assert_eq "$(q "select title from issues where id = '$new'")" "Issue of B" "td: B's issue under its new id"
assert_eq "$(q "select issue_id from comments where id = 'cm-bbbbbbb1'")" "$new" "td: B's committed comment"
assert_eq "$(q "select issue_id from logs where id = 'lg-bbbbbbb9'")" "$new" "td: B's uncommitted log"
assert_eq "$(q "select focused_issue_id from session_state where session_id = 'ses_bbbbbb'")" "$new" "td: B's focus"
assert_eq "$(q "select issue_id from git_snapshots where id = 'gs-bbbbbbb1'")" "$new" "td: B's git snapshot"
assert_eq "$(q "select issue_id from issue_session_history where id = 'td-bbbbb1'")" "$new" "td: B's session history"
assert_eq "$(q "pragma foreign_key_check")" "" "td: foreign keys hold"

"$GIT_TD" -C "$WORK/B" export >/dev/null 2>&1 || fail "export after the import"
assert_eq "$(field "$WORK/B/.todos/export/logs/lg-bbbbbbb9.yaml" issue_id)" "\"$new\"" "the new log's file names B's record"
"$TDREAD" "$db" >/dev/null 2>"$WORK/tdread.err" || { cat "$WORK/tdread.err" >&2; fail "td cannot read B's database"; }
echo "PASS"
