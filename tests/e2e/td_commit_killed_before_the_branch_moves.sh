#!/usr/bin/env bash
# `git td commit` killed between writing the index and moving the branch
# (review of issue 10): the index is written first, as git does, so
#  - HEAD has not moved, and the index holds td's files staged onto it
#    (what pre-commit does), never a HEAD whose files the index lacks: no
#    staged deletion, so a plain `git commit` would not delete the records;
#  - `git fsck` is clean, and the next `git td commit` finishes the job.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
for n in 1 2 3; do add_issue "$db" "td-00000$n" "Issue $n"; done
"$GIT_TD" -C "$repo" commit -m "first" >/dev/null 2>&1 || fail "first commit"
add_issue "$db" td-000004 "Issue 4"
set_title "$db" td-000001 "Issue 1, retitled" '2026-04-02 10:00:00+00:00'
head=$(git -C "$repo" rev-parse HEAD)

GITTD_TEST_PAUSE_BEFORE_REF=30 "$GIT_TD" -C "$repo" commit -m "second" 2>"$WORK/err" >/dev/null &
pid=$!
for _ in $(seq 100); do grep -q "paused before moving the branch" "$WORK/err" && break; sleep 0.1; done
grep -q "paused before moving the branch" "$WORK/err" || { kill -9 "$pid"; fail "git td commit did not pause: $(cat "$WORK/err")"; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true

assert_eq "$(git -C "$repo" rev-parse HEAD)" "$head" "HEAD after the kill"
assert_eq "$(git -C "$repo" diff --cached --name-status | LC_ALL=C sort | tr '\t' ' ' | tr '\n' '|')" \
  "A .todos/export/issues/td-000004.yaml|M .todos/export/issues/td-000001.yaml|" "what the index holds staged"
git -C "$repo" fsck --strict --no-dangling >/dev/null 2>&1 || fail "git fsck after the kill"
"$GIT_TD" -C "$repo" commit -m "second" >/dev/null 2>"$WORK/err" || fail "git td commit after the kill: $(cat "$WORK/err")"
assert_eq "$(git -C "$repo" show --name-status --format= HEAD | LC_ALL=C sort | tr '\t' ' ' | tr '\n' '|')" \
  "A .todos/export/issues/td-000004.yaml|M .todos/export/issues/td-000001.yaml|" "the commit after the kill"
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "git status after the second commit"
echo ok
