# shellcheck shell=bash
# Helpers for `git td sync` scenarios: clones in branch mode of one remote,
# the real td making the edits (source after common.sh and td_client.sh, and
# call need_td first).

# sync_first_clone DIR [URL]: makes the bare $ORIGIN (unless it exists) with one code commit on
# main, clones it (or URL, the same repository through a server), `td init`,
# `git td init --mode branch`.
sync_first_clone() {
  local url=${2:-$ORIGIN}
  [ -d "$ORIGIN" ] || git init -q --bare "$ORIGIN"
  git clone -q "$url" "$1" 2>/dev/null || fail "clone into $1 failed"
  echo "code v0" >"$1/code.txt"
  if ! { git -C "$1" add code.txt && git -C "$1" commit -qm "code" && git -C "$1" push -q origin HEAD 2>/dev/null; }; then
    fail "first push from $1 failed"
  fi
  td_in "$1" init >/dev/null
  "$GIT_TD" -C "$1" init --mode branch >"$WORK/init.out" 2>&1 || { cat "$WORK/init.out" >&2; fail "git td init in $1"; }
}

# sync_next_clone DIR [URL]: `git clone` and `git td init --mode branch`
# (which creates td's database, empty: the records come with the first sync).
sync_next_clone() {
  git clone -q "${2:-$ORIGIN}" "$1" 2>/dev/null || fail "clone into $1 failed"
  "$GIT_TD" -C "$1" init --mode branch >"$WORK/init.out" 2>&1 || { cat "$WORK/init.out" >&2; fail "git td init in $1"; }
}

# sync_ok DIR [ARGS...]: `git td sync` in DIR; fails the scenario on an error
# or a warning. Its JSON report is in $WORK/sync.json.
sync_ok() {
  local dir=$1
  shift
  "$GIT_TD" -C "$dir" --json sync "$@" >"$WORK/sync.json" 2>"$WORK/sync.err" ||
    { cat "$WORK/sync.json" "$WORK/sync.err" >&2; fail "git td sync $* in $dir failed"; }
  ! grep -q "warning" "$WORK/sync.err" || { cat "$WORK/sync.err" >&2; fail "git td sync warned in $dir"; }
}

# checkout_state DIR: what a sync must never change in a clone: HEAD, the
# current branch, the index, the working tree (status and content).
checkout_state() {
  git -C "$1" rev-parse HEAD
  git -C "$1" symbolic-ref -q HEAD || true
  git -C "$1" ls-files -s
  git -C "$1" status --porcelain --untracked-files=all
  (cd "$1" && find . -path ./.git -prune -o -path ./.todos -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
}

# shared_state DIR: the td data every clone must agree on, from tdread's dump
# (td's own loader): every shared record, without what td keeps per machine
# (session history, the built-in board, action_log, sessions).
shared_state() {
  dump "$1"
  jq -S '{issues: [(.issues // [])[] | del(.session_history, .start_snapshot)] | sort_by(.id),
          logs: (.logs // [] | sort_by(.id)), comments: (.comments // [] | sort_by(.id)),
          handoffs: (.handoffs // [] | sort_by(.id)), notes: (.notes // [] | sort_by(.id)),
          dependencies: (.dependencies // {}),
          boards: ([.boards[]? | select(.id != "bd-all-issues")] | sort_by(.id))}' "$WORK/dump.json"
}

# same_shared_state WHEN DIR...: every clone's shared_state is the first one's.
same_shared_state() {
  local when=$1 first=$2 dir
  shift 2
  shared_state "$first" >"$WORK/state.first"
  for dir in "$@"; do
    shared_state "$dir" >"$WORK/state.other"
    diff -u "$WORK/state.first" "$WORK/state.other" >&2 ||
      fail "$when: $(basename "$dir")'s td differs from $(basename "$first")'s"
  done
}

# sync_state DIR: what a failed sync must leave as it was: the checkout,
# every ref, every row of td's database.
sync_state() {
  checkout_state "$1"
  git -C "$1" for-each-ref --format='%(refname) %(objectname)'
  sqlite3 "$1/.todos/issues.db" .dump
}

# sync_fails DIR EXPECTED ARGS...: the sync exits non-zero with EXPECTED in
# its message, and DIR's sync_state is as before.
sync_fails() {
  local dir=$1 expected=$2
  shift 2
  sync_state "$dir" >"$WORK/state.before"
  if "$GIT_TD" -C "$dir" sync "$@" >"$WORK/fail.out" 2>"$WORK/fail.err"; then
    fail "git td sync $* in $dir succeeded"
  fi
  grep -qF -- "$expected" "$WORK/fail.err" || { cat "$WORK/fail.err" >&2; fail "the message lacks '$expected'"; }
  sync_state "$dir" >"$WORK/state.after"
  diff -u "$WORK/state.before" "$WORK/state.after" >&2 || fail "a failed sync ($expected) changed $dir"
}

# free_port: a TCP port nothing listens on at 127.0.0.1 (now).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_git_daemon: `git daemon` on a free loopback port serving $WORK
# (push enabled), killed when the scenario ends; its URL base in $DAEMON_URL.
# shellcheck disable=SC2034 # DAEMON_PID and DAEMON_URL are for the caller
start_git_daemon() {
  local port
  port=$(free_port)
  git daemon --listen=127.0.0.1 --port="$port" --base-path="$WORK" --export-all --enable=receive-pack \
    --reuseaddr "$WORK" 2>"$WORK/daemon.log" &
  DAEMON_PID=$!
  DAEMON_URL=git://127.0.0.1:$port
  [ -d "$ORIGIN" ] || git init -q --bare "$ORIGIN"
  for _ in $(seq 50); do git ls-remote "$DAEMON_URL/origin.git" >/dev/null 2>&1 && return; sleep 0.1; done
  cat "$WORK/daemon.log" >&2
  skip "git daemon did not start on port $port"
}
