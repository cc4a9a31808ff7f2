#!/usr/bin/env bash
# A sync that merges hundreds of records at once (its record merges run on
# several threads; scripts/test-tsan runs this under ThreadSanitizer): two
# clones share 300 issues, then both retitle every one of them and Alice
# also closes them. Each sync merges all 300 field by field: Bob's later
# title wins with Alice's set aside in the record's `conflicts`, Alice's
# status survives. Both clones end with the same shared state, td's loader
# (tdread) reads it, and every value either side wrote is somewhere.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td
ORIGIN=$WORK/origin.git

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
sqlite3 "$a/.todos/issues.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
  INSERT INTO issues (id, title, status, created_at, updated_at)
  SELECT printf('td-%06x', i), 'Issue ' || i, 'open', '2026-03-01 10:00:00+00:00', '2026-03-01 10:00:00+00:00' FROM n" ||
  fail "300 issues"
sync_ok "$a"
sync_next_clone "$b"
sync_ok "$b"
assert_eq "$(sqlite3 "$b/.todos/issues.db" "select count(*) from issues where id like 'td-0%'")" 300 "Bob's issues"

sqlite3 "$a/.todos/issues.db" "UPDATE issues SET title = 'Alice ' || title, status = 'closed',
  closed_at = '2026-03-02 10:00:00+00:00', updated_at = '2026-03-02 10:00:00+00:00' WHERE id LIKE 'td-0%'"
sqlite3 "$b/.todos/issues.db" "UPDATE issues SET title = 'Bob ' || title,
  updated_at = '2026-03-02 11:00:00+00:00' WHERE id LIKE 'td-0%'"
sync_ok "$a"
sync_ok "$b"
assert_eq "$(jq -r .merge "$WORK/sync.json")" merged "Bob's sync merges"
sync_ok "$a"

for clone in "$a" "$b"; do
  db=$clone/.todos/issues.db
  assert_eq "$(sqlite3 "$db" "select count(*) from issues where id like 'td-0%' and title like 'Bob Issue %' and status = 'closed'")" \
    300 "Bob's titles and Alice's status in $clone"
  "$TDREAD" "$db" >/dev/null || fail "tdread refuses $clone's database"
done
# Alice's titles are set aside, not lost: every record carries hers.
set_aside=$(git -C "$b" show td-sync:issues/td-00012c.yaml)
grep -q 'Alice Issue 300' <<<"$set_aside" || fail "Alice's title is not set aside: $set_aside"
assert_eq "$(git -C "$b" grep -l 'Alice Issue' td-sync -- issues | wc -l | tr -d ' ')" 300 \
  "records carrying Alice's title"
same_shared_state "after merging 300 records" "$a" "$b"
echo ok
