#!/usr/bin/env bash
# Concurrency with td itself (issue 13): while the real td creates, retitles
# and logs in a loop (taking its own lock for every write), git-td exports,
# imports and syncs the same clone over and over, and now and then two
# git-td processes run at once. Holds:
#  - every git-td run exits 0 and no SQLITE_BUSY or lock error reaches the
#    user; every td write succeeds (git-td never holds td's lock long enough
#    to make td give up);
#  - no torn read: every tree an export leaves is whole (each log's issue
#    is in the tree);
#  - after the loop and one more export, every td write is in the tree, and
#    a second machine's sync receives all of it (tdread judges both).
# TD_CONCURRENCY_SECONDS (default 12) sets how long td writes: a longer soak
# is the same scenario run by hand.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

seconds=${TD_CONCURRENCY_SECONDS:-12}
a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
td_create "$a" "Issue that exists before the loop"
sync_ok "$a"
tree=$a/.todos/export

# td's loop, in the background: each step's id and number in $WORK/written
# once all three writes of it succeeded; any td failure in $WORK/td-failures.
td_writer() {
  local deadline=$((SECONDS + seconds)) i=0 out id
  cd "$a" || exit 1
  export TD_SESSION_ID=ses_writer
  while [ "$SECONDS" -lt "$deadline" ]; do
    i=$((i + 1))
    if ! out=$("$TD" create "Concurrent issue number $i" 2>>"$WORK/td.err"); then
      echo "create $i" >>"$WORK/td-failures" && continue
    fi
    id=$(sed -n 's/^CREATED \(td-[0-9a-f]*\)$/\1/p' <<<"$out")
    "$TD" update "$id" --title "Concurrent issue number $i, retitled" >/dev/null 2>>"$WORK/td.err" ||
      echo "update $id" >>"$WORK/td-failures"
    "$TD" log "$id" "concurrent log $i" >/dev/null 2>>"$WORK/td.err" || echo "log $id" >>"$WORK/td-failures"
    echo "$id $i" >>"$WORK/written"
  done
}

# git_td NAME ARGS...: one git-td run in Alice's clone; output in $WORK/NAME.*.
git_td() {
  local name=$1 rc=0
  shift
  "$GIT_TD" -C "$a" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  if grep -qiE "SQLITE_BUSY|database is locked|busy|is locked|locked:|malformed" "$WORK/$name.err"; then
    fail "git td $* reported a lock or busy database while td wrote: $(cat "$WORK/$name.err")"
  fi
  [ "$rc" -eq 0 ] || fail "git td $* exited $rc while td wrote: $(cat "$WORK/$name.err")"
}

# whole_tree WHEN: every log in the tree names an issue the tree holds.
whole_tree() {
  local log issue
  for log in "$tree"/logs/*.yaml; do
    [ -e "$log" ] || continue
    issue=$(sed -n 's/^issue_id: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$log")
    [ -n "$issue" ] || fail "$1: $log has no issue_id"
    [ -f "$tree/issues/$issue.yaml" ] || fail "$1: torn export: $log names $issue, which the tree lacks"
  done
}

: >"$WORK/written" && : >"$WORK/td-failures"
td_writer &
writer=$!
# A failing check must not leave td writing into a removed $WORK.
trap 'kill "$writer" 2>/dev/null || true; rm -rf "$WORK"' EXIT
rounds=0
while kill -0 "$writer" 2>/dev/null; do
  rounds=$((rounds + 1))
  git_td export export
  whole_tree "round $rounds, after export"
  git_td import import
  git_td sync --json sync
  if [ $((rounds % 2)) -eq 0 ]; then
    # Two git-td processes at once: serialised, both succeed.
    git_td export-1 export &
    first=$!
    git_td sync-2 sync &
    second=$!
    wait "$first" || fail "the first of two concurrent git-td runs failed"
    wait "$second" || fail "the second of two concurrent git-td runs failed"
    whole_tree "round $rounds, after two at once"
  fi
done
wait "$writer" || fail "td's writer loop failed"
[ ! -s "$WORK/td-failures" ] || fail "td writes failed while git-td ran: $(head "$WORK/td-failures") $(head "$WORK/td.err")"
written=$(wc -l <"$WORK/written")
[ "$written" -ge 5 ] || fail "td wrote only $written issues in $seconds s: the loop did not run"
[ "$rounds" -ge 3 ] || fail "git-td ran only $rounds rounds while td wrote"
echo "td wrote $written issues (three writes each) while git-td ran $rounds rounds" >&2

# Every td write is in the tree after the next export, and tdread reads the database.
git_td export export
whole_tree "the last export"
while read -r id i; do
  grep -qx "title: \"\{0,1\}Concurrent issue number $i, retitled\"\{0,1\}" "$tree/issues/$id.yaml" 2>/dev/null ||
    fail "td's retitle of $id (step $i) is not in the tree"
  grep -lq "concurrent log $i\$" "$tree"/logs/*.yaml || fail "td's log of step $i is not in the tree"
done <"$WORK/written"
dump "$a"

# And a second machine receives all of it.
sync_ok "$a"
sync_next_clone "$b"
sync_ok "$b"
dump "$b"
while read -r id i; do
  got=$(jq -r --arg id "$id" '.issues[] | select(.id == $id) | .title' "$WORK/dump.json")
  assert_eq "$got" "Concurrent issue number $i, retitled" "Bob's title of $id"
done <"$WORK/written"
logs=$(jq '[.logs[] | select(.message | startswith("concurrent log "))] | length' "$WORK/dump.json")
assert_eq "$logs" "$written" "concurrent logs on Bob's machine"
