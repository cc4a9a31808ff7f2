#!/usr/bin/env bash
# A connection that drops in the middle of a sync's fetch or push changes
# nothing (issue 10, item 5): `git daemon` serves the bare repository, and a
# proxy on loopback (lib/drop_proxy.py) forwards to it but cuts the
# connection after some bytes of the pack, one way or the other. The sync
# fails naming the remote and what to do; td's database, every ref and the
# checkout are as before; the remote is as before; once the network is
# back, the next sync finishes the job by itself.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

start_git_daemon
proxy=
trap 'kill "$DAEMON_PID" $proxy 2>/dev/null; rm -rf "$WORK"' EXIT
direct=$DAEMON_URL/origin.git

# start_proxy DIRECTION LIMIT: a dropping proxy in front of the daemon; its URL in $proxied.
start_proxy() {
  [ -z "$proxy" ] || kill "$proxy"
  rm -f "$WORK/proxy.port"
  python3 "$(dirname "$0")/lib/drop_proxy.py" "$WORK/proxy.port" "${DAEMON_URL##*:}" "$1" "$2" &
  proxy=$!
  for _ in $(seq 50); do [ -s "$WORK/proxy.port" ] && break; sleep 0.1; done
  [ -s "$WORK/proxy.port" ] || fail "the proxy did not start"
  proxied=git://127.0.0.1:$(cat "$WORK/proxy.port")/origin.git
}

# many_issues DIR PREFIX: 200 issues of 2 KiB of random text each (a pack of some 200 KB).
many_issues() {
  sqlite3 "$1/.todos/issues.db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200)
    insert into issues (id, title, description, status, type, priority, created_at, updated_at)
    select printf('td-$2%04x', i), 'Issue ' || i, hex(randomblob(1000)), 'open', 'task', 'P2',
      '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n"
}

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a" "$direct"
sync_next_clone "$b" "$direct" # before Alice's sync: the clone has none of its objects
many_issues "$a" a0
sync_ok "$a"

# mid-fetch: the pack to Bob is cut after 20 KB
start_proxy down 20000
git -C "$b" remote set-url origin "$proxied"
sync_fails "$b" "cannot fetch td-sync from origin"
assert_eq "$(sqlite3 "$b/.todos/issues.db" "select count(*) from issues")" 0 "Bob's issues after a dropped fetch"
git -C "$b" remote set-url origin "$direct"
sync_ok "$b"
assert_eq "$(sqlite3 "$b/.todos/issues.db" "select count(*) from issues")" 200 "Bob's issues once the network is back"

# mid-push: Bob's pack to the remote is cut after 20 KB
many_issues "$b" b0
remote_before=$(git --git-dir="$ORIGIN" for-each-ref)
start_proxy up 20000
git -C "$b" remote set-url origin "$proxied"
sync_fails "$b" "cannot push td-sync to origin"
assert_eq "$(git --git-dir="$ORIGIN" for-each-ref)" "$remote_before" "the remote after a dropped push"
git -C "$b" remote set-url origin "$direct"
sync_ok "$b"
assert_eq "$(jq -r .pushed "$WORK/sync.json")" true "Bob's sync once the network is back"
sync_ok "$a"
assert_eq "$(sqlite3 "$a/.todos/issues.db" "select count(*) from issues")" 400 "Alice's issues after Bob's push"
same_shared_state "after the network came back" "$a" "$b"
echo "PASS"
