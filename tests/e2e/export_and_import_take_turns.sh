#!/usr/bin/env bash
# Two git-td processes never work on one worktree's export tree at once
# (decision 115): an export or import holds <git dir>/git-td/tree.lock from
# start to end, so an import never reads a file an export is still
# creating in place. While another process holds that lock, an export and
# an import started meanwhile wait, then do their work. A dry run takes no
# lock (it writes nothing) and is not held up.
source "$(dirname "$0")/lib/common.sh"
need_shared
command -v flock >/dev/null || skip "needs flock(1) from util-linux"

repo=$WORK/repo db=$WORK/repo/.todos/issues.db issues=$WORK/repo/.todos/export/issues
lock=$WORK/repo/.git/git-td/tree.lock
td_repo "$repo"
add_issue "$db" td-a00001 "First"
mkdir -p "$(dirname "$lock")"

# held_while CMD...: runs CMD while flock(1) holds the tree's lock, and
# records in $WORK/order whether CMD ended before the holder let go.
held_while() {
  rm -f "$WORK/held" "$WORK/order"
  flock -x "$lock" sh -c "touch '$WORK/held'; sleep 2; echo released >>'$WORK/order'" &
  holder=$!
  while [ ! -e "$WORK/held" ]; do sleep 0.05; done
  rc=0
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  echo finished >>"$WORK/order"
  wait "$holder"
}

held_while "$GIT_TD" -C "$repo" export
assert_eq "$rc" 0 "export while the tree's lock was held (stderr: $(cat "$WORK/err"))"
assert_eq "$(cat "$WORK/order")" "released
finished" "the export finished before the holder released the tree's lock"
assert_eq "$(count_files "$issues")" 1 "the waiting export's file"

sed -i 's/^title: .*/title: Retitled in the tree/' "$issues/td-a00001.yaml"
held_while "$GIT_TD" -C "$repo" import
assert_eq "$rc" 0 "import while the tree's lock was held (stderr: $(cat "$WORK/err"))"
assert_eq "$(cat "$WORK/order")" "released
finished" "the import finished before the holder released the tree's lock"
assert_eq "$(title_of "$db" td-a00001)" "Retitled in the tree" "the waiting import's write"

held_while "$GIT_TD" -C "$repo" export --dry-run
assert_eq "$rc" 0 "dry run while the tree's lock was held (stderr: $(cat "$WORK/err"))"
assert_eq "$(cat "$WORK/order")" "finished
released" "a dry run waited for the tree's lock"
echo "ok"
