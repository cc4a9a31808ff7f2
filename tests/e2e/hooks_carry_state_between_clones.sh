#!/usr/bin/env bash
# Inline mode end to end: two clones of one bare remote, each with its own td
# database and `git td init` (hooks installed, git-td and its driver on PATH),
# exchange task state through plain `git commit`, `git push` and `git pull`,
# and nothing else: no git-td command is run by hand after init.
#  (1) A creates two issues and a log in td, commits (pre-commit exports;
#      --allow-empty, because git decides whether a commit is empty before
#      pre-commit runs, decision 26) and pushes; B pulls (a fast-forward:
#      post-merge imports) and has the same rows.
#  (2) Concurrent edits of one issue: B raises td-000001's priority and
#      retitles td-000002, A retitles both (td-000002 later than B). B pushes
#      first; A's `git pull --no-rebase` merges with the driver (A's
#      post-merge imports): A's database has B's priority and A's titles, and
#      td-000002's losing title (B's) is in the merged record's conflicts.
#      A pushes, B pulls: B's database is the same as A's (every column of
#      issues and logs, compared as stored text), and B's sync_conflicts has
#      the entry for its lost title, and so does A's, whose title won.
#  (3) A `git pull --rebase` round: A edits td-000001's status and pushes; B
#      edits its labels, commits, and pulls with --rebase, which replays B's
#      commit onto A's through the driver (post-checkout imports the
#      upstream tree as rebase starts, post-rewrite the rebased one). B has
#      both edits, pushes; A pulls: the two databases are the same again.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path
[ -x "$(dirname "$GIT_TD")/git-td-merge-driver" ] || skip "git-td-merge-driver is not beside git-td"

origin=$WORK/origin.git a=$WORK/alice b=$WORK/bob
adb=$a/.todos/issues.db bdb=$b/.todos/issues.db
git init -q --bare "$origin"

# clone_with_td DIR: a clone of origin with an empty td database, set up by `git td init`.
clone_with_td() {
  git clone -q "$origin" "$1" 2>/dev/null || fail "clone into $1 failed"
  mkdir -p "$1/.todos"
  empty_td_db "$1/.todos/issues.db"
  "$GIT_TD" -C "$1" init >/dev/null 2>"$WORK/init.err" || { cat "$WORK/init.err" >&2; fail "init in $1 failed"; }
}
# commit_td DIR MESSAGE: commits what td changed (pre-commit exports it).
commit_td() {
  git -C "$1" commit -q --allow-empty -m "$2" 2>"$WORK/commit.err" || { cat "$WORK/commit.err" >&2; fail "commit '$2' in $1 failed"; }
  ! grep -q "git-td: warning" "$WORK/commit.err" || { cat "$WORK/commit.err" >&2; fail "warnings from the commit '$2' in $1"; }
}
pull() { # DIR ARGS...
  local dir=$1
  shift
  git -C "$dir" pull -q "$@" 2>"$WORK/pull.err" || { cat "$WORK/pull.err" >&2; fail "git pull $* in $dir failed"; }
  ! grep -q "git-td: warning" "$WORK/pull.err" || { cat "$WORK/pull.err" >&2; fail "warnings from git pull $* in $dir"; }
}
push() { git -C "$1" push -q -u origin HEAD 2>"$WORK/push.err" || { cat "$WORK/push.err" >&2; fail "push from $1 failed"; }; }
# shared_rows DB: every column of td's issues and logs, as stored text.
shared_rows() { sqlite3 "$1" "select * from issues order by id" "select * from logs order by id"; }
# conflict_rows DB: td's sync_conflicts rows, as kind|id|losing title|chosen title|rule|server_seq.
conflict_rows() {
  sqlite3 "$1" "select entity_type, entity_id, json_extract(local_data, '\$.title'), json_extract(remote_data, '\$.title'),
    json_extract(local_data, '\$.rule'), server_seq from sync_conflicts order by id"
}
same_databases() { # WHEN
  shared_rows "$adb" >"$WORK/a.rows"
  shared_rows "$bdb" >"$WORK/b.rows"
  diff "$WORK/a.rows" "$WORK/b.rows" >&2 || fail "$1: the two databases differ"
}

# Alice sets up the project and pushes it.
clone_with_td "$a"
git -C "$a" add .gitignore
commit_td "$a" "git-td init"
assert_eq "$(git -C "$a" show --name-only --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  ".gitignore .todos/export/.gitattributes .todos/export/git-td.yaml " "files in alice's first commit"
push "$a"
clone_with_td "$b"

# (1) Alice creates issues and a log; Bob pulls them.
add_issue "$adb" td-000001 "Shared issue"
add_issue "$adb" td-000002 "Second issue"
sqlite3 "$adb" "insert into logs (id, issue_id, session_id, message, type, timestamp)
  values ('lg-0000a001', 'td-000001', 'ses_alice1', 'Started on it', 'progress', '2026-04-01 09:30:00+00:00')"
commit_td "$a" "alice: two issues and a log"
assert_eq "$(git -C "$a" show --name-only --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  ".todos/export/issues/td-000001.yaml .todos/export/issues/td-000002.yaml .todos/export/logs/lg-0000a001.yaml " \
  "(1) files in alice's commit"
push "$a"
assert_eq "$(sqlite3 "$bdb" "select count(*) from issues")" 0 "(1) bob's database before the pull"
pull "$b"
assert_eq "$(sqlite3 "$bdb" "select id, title, status, priority from issues order by id" | tr '\n' ' ')" \
  "td-000001|Shared issue|open|P2 td-000002|Second issue|open|P2 " "(1) bob's issues after the pull"
assert_eq "$(sqlite3 "$bdb" "select id, issue_id, message from logs")" "lg-0000a001|td-000001|Started on it" "(1) bob's log"
same_databases "(1) after bob's first pull"

# (2) Concurrent edits; Bob pushes first, Alice merges.
sqlite3 "$bdb" "update issues set priority = 'P0', updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000001'"
set_title "$bdb" td-000002 "Bob's title" "2026-04-02 10:00:00+00:00"
commit_td "$b" "bob: priority, title"
push "$b"
set_title "$adb" td-000001 "Alice's title" "2026-04-03 10:00:00+00:00"
set_title "$adb" td-000002 "Alice's title for two" "2026-04-03 11:00:00+00:00"
commit_td "$a" "alice: titles"
pull "$a" --no-rebase --no-edit
assert_eq "$(git -C "$a" rev-list --count --merges HEAD)" 1 "(2) alice's pull made a merge"
git -C "$a" diff --quiet HEAD || fail "(2) alice's worktree differs from the merge commit"
assert_eq "$(git -C "$a" show HEAD:.todos/export/issues/td-000001.yaml | sed -n 's/^\(title\|priority\): //p' | tr '\n' '|')" \
  "Alice's title|P0|" "(2) td-000001 in the merge commit"
assert_eq "$(sqlite3 "$adb" "select id, title, priority, updated_at from issues order by id" | tr '\n' ' ')" \
  "td-000001|Alice's title|P0|2026-04-03 10:00:00+00:00 td-000002|Alice's title for two|P2|2026-04-03 11:00:00+00:00 " \
  "(2) alice's database after the merge"
git -C "$a" show HEAD:.todos/export/issues/td-000002.yaml | grep -q "^ *- Bob's title$" ||
  fail "(2) bob's title is not among the conflict values of td-000002"
# Alice's own title won: the tree differs from her row only by its conflicts
# list, and import still records the entry (action "recorded").
assert_eq "$(conflict_rows "$adb")" "issues|td-000002|Bob's title|Alice's title for two|lww|0" "(2) alice's sync_conflicts"
push "$a"
pull "$b"
assert_eq "$(git -C "$b" rev-parse HEAD)" "$(git -C "$a" rev-parse HEAD)" "(2) bob fast-forwarded to alice's merge"
same_databases "(2) after bob pulls the merge"
assert_eq "$(conflict_rows "$bdb")" "issues|td-000002|Bob's title|Alice's title for two|lww|0" "(2) bob's sync_conflicts"

# A commit in either clone now exports nothing: each database agrees with its tree.
for dir in "$a" "$b"; do
  commit_td "$dir" "nothing new"
  assert_eq "$(git -C "$dir" show --name-only --format= HEAD)" "" "(2) files in a commit after the sync in $dir"
  git -C "$dir" reset -q --soft HEAD^
done

# (3) A rebase round.
sqlite3 "$adb" "update issues set status = 'in_progress', updated_at = '2026-04-04 10:00:00+00:00' where id = 'td-000001'"
commit_td "$a" "alice: starts td-000001"
push "$a"
sqlite3 "$bdb" "update issues set labels = 'backend,urgent', updated_at = '2026-04-04 09:00:00+00:00' where id = 'td-000001'"
commit_td "$b" "bob: labels td-000001"
pull "$b" --rebase
assert_eq "$(git -C "$b" log --format=%s -3 | tr '\n' '|')" "bob: labels td-000001|alice: starts td-000001|Merge branch 'main' of ${origin%.git}|" \
  "(3) bob's history after the rebase"
assert_eq "$(git -C "$b" rev-list --count --merges HEAD)" 1 "(3) no new merge commit"
assert_eq "$(sqlite3 "$bdb" "select title, status, priority, labels, updated_at from issues where id = 'td-000001'")" \
  "Alice's title|in_progress|P0|backend,urgent|2026-04-04 10:00:00+00:00" "(3) bob's database after the rebase"
git -C "$b" diff --quiet HEAD || fail "(3) bob's worktree differs from the rebased commit"
push "$b"
pull "$a"
assert_eq "$(git -C "$a" rev-parse HEAD)" "$(git -C "$b" rev-parse HEAD)" "(3) alice fast-forwarded to bob's rebased commit"
same_databases "(3) after alice pulls the rebased commit"
assert_eq "$(conflict_rows "$bdb")" "issues|td-000002|Bob's title|Alice's title for two|lww|0" \
  "(3) bob's sync_conflicts: the rebase's imports add no duplicate"
assert_eq "$(sqlite3 "$adb" "select labels, status from issues where id = 'td-000001'")" "backend,urgent|in_progress" \
  "(3) alice's database has both edits"
echo "PASS"
