#!/usr/bin/env bash
# `git td sync` through git:// (libgit2's git transport): `git daemon` on a
# free loopback port serves the bare repository, push enabled. Two machines
# cloned from git://127.0.0.1:PORT/origin.git converge; a git:// URL where no
# repository is served fails with a clear message and changes nothing.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

start_git_daemon
trap 'kill "$DAEMON_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
url=$DAEMON_URL/origin.git
port=${DAEMON_URL##*:}

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a" "$url"
td_create "$a" "Served by git daemon"
sync_ok "$a"
assert_eq "$(jq -r .pushed "$WORK/sync.json")" true "the push over git://"
sync_next_clone "$b" "$url"
sync_ok "$b"
verify_td "$b" "after Bob's first sync over git://"
td_retitle "$b" "$NEW_ID" "Edited by Bob"
td_log "$a" "$NEW_ID" "Alice's log"
sync_ok "$b"
sync_ok "$a"
sync_ok "$b"
verify_td "$a" "after syncs over git://"
same_shared_state "after syncs over git://" "$a" "$b"
[ "$(git -C "$a" rev-parse origin/td-sync)" = "$(git --git-dir="$ORIGIN" rev-parse td-sync)" ] ||
  fail "origin/td-sync does not follow the remote's branch"

# a remote that refuses the push itself (a hook): said at once, not retried
printf '#!/bin/sh\necho "no pushes to td-sync today" >&2\nexit 1\n' >"$ORIGIN/hooks/pre-receive"
chmod +x "$ORIGIN/hooks/pre-receive"
td_log "$a" "$NEW_ID" "refused for now"
sync_fails "$a" "pre-receive hook declined"
assert_eq "$(grep -c "refused the push" "$WORK/fail.err" || true)" 0 "rounds after a refusal by a hook"
rm "$ORIGIN/hooks/pre-receive"
sync_ok "$a"
sync_ok "$b"
verify_td "$b" "after the hook let the push through"

refs=$(git -C "$a" for-each-ref)
if "$GIT_TD" -C "$a" sync "git://127.0.0.1:$port/no-such.git" 2>"$WORK/err"; then fail "a sync from nothing succeeded"; fi
grep -q "cannot reach git://127.0.0.1:$port/no-such.git" "$WORK/err" || { cat "$WORK/err" >&2; fail "unclear message"; }
assert_eq "$(git -C "$a" for-each-ref)" "$refs" "refs after a failed sync"
echo "PASS"
