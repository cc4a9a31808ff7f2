#!/usr/bin/env bash
# Two different issues drew one id on two machines (td's ids have 24 random
# bits). `git td sync` keeps both: the earlier-created keeps the id, the
# later-created gets a fresh one, the same on both machines, and the rows
# that name it follow (Bob's comment, in td and in the tree); Bob is told,
# and td goes on working with the new id (a log on it reaches Alice).
# Nothing is left conflicted; the databases hold the same records.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
td_create "$a" "Seed issue"
sync_ok "$a"
sync_next_clone "$b"
sync_ok "$b"

# The same id on both machines, Alice's created first.
sqlite3 "$a/.todos/issues.db" "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of Alice', 'open', 'task', 'P2', '2026-04-02 10:00:00+00:00', '2026-04-02 10:00:00+00:00', 'ses_alice')"
sqlite3 "$b/.todos/issues.db" "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of Bob', 'open', 'task', 'P2', '2026-04-02 11:00:00+00:00', '2026-04-02 11:00:00+00:00', 'ses_bob')"
td_comment "$b" td-c00001 "Bob comments on his issue"
sync_ok "$a"
"$GIT_TD" -C "$b" --json sync >"$WORK/sync.json" 2>"$WORK/sync.err" || { cat "$WORK/sync.err" >&2; fail "Bob's sync"; }
assert_eq "$(jq -r .merge "$WORK/sync.json")" merged "Bob's sync"
grep -q "td-c00001: this clone's record was re-keyed" "$WORK/sync.err" || fail "Bob is not told his issue moved"
new=$(jq -r '.merge_steps[] | select(.action == "re-keyed") | .path' "$WORK/sync.json" | sed 's|.*/||; s|\.yaml$||')
[[ $new =~ ^td-[0-9a-f]{6}$ ]] || fail "Bob's issue was not re-keyed: $(cat "$WORK/sync.json")"
td_log "$b" "$new" "Bob logs on the new id"
sync_ok "$b"
sync_ok "$a"

for dir in "$a" "$b"; do
  q() { sqlite3 "$dir/.todos/issues.db" "$1"; }
  assert_eq "$(q "select title from issues where id = 'td-c00001'")" "Issue of Alice" "$(basename "$dir"): the old id"
  assert_eq "$(q "select title from issues where id = '$new'")" "Issue of Bob" "$(basename "$dir"): the new id"
  assert_eq "$(q "select issue_id from comments where text = 'Bob comments on his issue'")" "$new" \
    "$(basename "$dir"): Bob's comment follows his issue"
  assert_eq "$(q "select issue_id from logs where message = 'Bob logs on the new id'")" "$new" "$(basename "$dir"): the log"
  assert_eq "$(q "pragma foreign_key_check")" "" "$(basename "$dir"): foreign keys"
done
same_shared_state "after the collision" "$a" "$b"
echo "PASS"
