#!/usr/bin/env bash
# Import writes in one transaction (DESIGN §5): killed with SIGKILL inside it,
# just before COMMIT (test hook GITTD_TEST_PAUSE_BEFORE_COMMIT), it leaves the
# database exactly as it was once SQLite rolls the hot journal back: every
# shared table, action_log and sync_conflicts as before, integrity_check ok,
# td's lock free, the base store untouched. A fresh import afterwards succeeds
# and gives the same database as an import that was never interrupted.
# Run on a generated schema-38 database (rollback journal) and, when the real
# data is there, on a real WAL-mode database.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python
command -v flock >/dev/null || skip "needs flock(1) from util-linux"

SHARED_TABLES="issues logs handoffs comments issue_dependencies issue_files boards board_issue_positions
work_sessions work_session_issues issue_reviews notes"

# contents DB: every shared table in full, plus the counts of td's logs of changes.
# A soft delete is stamped with the time of the import (as td's delete is):
# today's timestamps read as <now>, so two imports of one state compare equal.
contents() {
  local table today
  today=$(date -u +%Y-%m-%d)
  for table in $SHARED_TABLES; do
    [ "$(sqlite3 "$1" "select count(*) from sqlite_master where type = 'table' and name = '$table'")" = 1 ] || continue
    echo "== $table"
    sqlite3 -header -cmd '.mode quote' "$1" "select * from $table order by id" |
      sed -E "s/'${today}[ T][0-9:.]+(Z|[+-][0-9:]+)'/'<now>'/g"
  done
  echo "== action_log $(sqlite3 "$1" 'select count(*) from action_log')"
  echo "== sync_conflicts $(sqlite3 "$1" 'select count(*) from sync_conflicts')"
}

# killed_import NAME REPO: kills an import of REPO's pending tree changes just
# before COMMIT and checks that it changed nothing; then imports for real and
# compares with an uninterrupted import of the same state.
killed_import() {
  local name=$1 repo=$2 db=$2/.todos/issues.db reference=$WORK/$1-reference pid
  rm -rf "$reference"
  cp -a "$repo" "$reference"  # the same database, tree and base store, for an uninterrupted import
  local before base_before
  before=$(contents "$db")
  base_before=$(sqlite3 "$repo/.git/git-td/base.sqlite" .dump | sha256sum)

  GITTD_TEST_PAUSE_BEFORE_COMMIT=30 "$GIT_TD" -C "$repo" import >"$WORK/$name.out" 2>"$WORK/$name.err" &
  pid=$!
  until grep -q 'git-td: paused before commit' "$WORK/$name.err"; do
    kill -0 "$pid" 2>/dev/null || fail "$name: import ended before pausing: $(cat "$WORK/$name.err")"
    sleep 0.05
  done
  # While it sits inside its write transaction, td's lock is taken.
  flock -n "$repo/.todos/db.lock" true 2>/dev/null && fail "$name: td's lock is free inside the import's transaction"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null && fail "$name: the killed import reported success"
  if [ -s "$db-journal" ] && [ "$(head -c 8 "$db-journal" | od -An -tx1 | tr -d ' \n')" = d9d505f920a163d7 ]; then
    echo "$name: the kill left a hot journal" >&2
  fi

  # Opening the database (sqlite3) rolls a hot journal back; then it must be as before.
  assert_eq "$(sqlite3 "$db" 'pragma integrity_check')" ok "$name: integrity after the kill"
  [ "$(contents "$db")" = "$before" ] || {
    diff <(echo "$before") <(contents "$db") | head -20 >&2
    fail "$name: the killed import changed the database"
  }
  # The base store writes in its own transaction beside the database's,
  # committed after it: opening it rolls its hot journal back too.
  assert_eq "$(sqlite3 "$repo/.git/git-td/base.sqlite" .dump | sha256sum)" "$base_before" "$name: base store after the kill"
  flock -n "$repo/.todos/db.lock" true || fail "$name: td's lock is still held after the kill"

  # A fresh import succeeds, and gives what an uninterrupted import gives.
  "$GIT_TD" -C "$repo" import >/dev/null 2>"$WORK/$name.err" || fail "$name: import after the kill: $(cat "$WORK/$name.err")"
  "$GIT_TD" -C "$reference" import >/dev/null 2>&1 || fail "$name: reference import"
  [ "$(contents "$db")" != "$before" ] || fail "$name: the import after the kill changed nothing"
  [ "$(contents "$db")" = "$(contents "$reference/.todos/issues.db")" ] || {
    diff <(contents "$reference/.todos/issues.db") <(contents "$db") | head -20 >&2
    fail "$name: the import after the kill differs from an uninterrupted import"
  }
  assert_eq "$(sqlite3 "$db" 'pragma integrity_check')" ok "$name: integrity after the fresh import"
}

# --- A generated database, with inserts, updates, a merge conflict and a cascading delete pending.
repo=$WORK/generated db=$WORK/generated/.todos/issues.db tree=$WORK/generated/.todos/export
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 6
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "export"
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import after the export commit (the database agrees with it)"
sqlite3 "$db" "update issues set title = 'Title from td', updated_at = '2026-05-01 09:00:00+00:00' where id = 'td-a00001'"
sed -i -e 's/^title: .*/title: Title from the tree/' -e 's/^updated_at: .*/updated_at: "2026-05-02T09:00:00Z"/' \
  "$tree/issues/td-a00001.yaml"
sed -i 's/^status: .*/status: closed/' "$tree/issues/td-a00002.yaml"
git -C "$repo" rm -q "$tree/issues/td-a00003.yaml"
for n in $(seq 1 200); do
  id=$(printf 'td-b%05x' "$n")
  sed -e "s/^id: .*/id: $id/" -e "s/^title: .*/title: New issue $n/" "$tree/issues/td-a00004.yaml" >"$tree/issues/$id.yaml"
  sed -e "s/^id: .*/id: $(printf 'cm-b%07x' "$n")/" -e "s/^issue_id: .*/issue_id: $id/" \
    "$tree/comments/cm-00000004.yaml" >"$tree/comments/$(printf 'cm-b%07x' "$n").yaml"
done
# Enough new text (3000 logs of 2 KiB) that SQLite spills pages into the
# database file before COMMIT, so the kill leaves a hot journal to roll back.
"$PY" - "$tree/logs" <<'PY'
import os, sys
os.makedirs(sys.argv[1], exist_ok=True)
for n in range(3000):
    id = f"lg-c{n:07x}"
    with open(os.path.join(sys.argv[1], id + ".yaml"), "w") as f:
        f.write(f'id: {id}\nissue_id: td-a00005\nsession_id: ses_aaaaaa\nwork_session_id: ""\n'
                f'message: {"log text " * 227}{n}\ntype: progress\ntimestamp: "2026-04-02T09:00:00Z"\n')
PY
commit_all "$repo" "tree edits"
killed_import generated "$repo"
assert_eq "$(sqlite3 "$db" "select count(*) from logs where id like 'lg-c%'")" 3000 "generated: new logs after the fresh import"
assert_eq "$(sqlite3 "$db" "select count(*) from issues where id like 'td-b%'")" 200 "generated: new issues after the fresh import"
assert_eq "$(sqlite3 "$db" "select count(*) from issues where id = 'td-a00003' and deleted_at is not null")" 1 \
  "generated: removed issue marked deleted after the fresh import"
assert_eq "$(sqlite3 "$db" "select count(*) from sync_conflicts where entity_id = 'td-a00001'")" 1 \
  "generated: the conflict recorded by the fresh import"

# --- A real td database (WAL mode), when the real data is there.
if [ -d "$REALDATA" ]; then
  repo=$WORK/real db=$WORK/real/.todos/issues.db tree=$WORK/real/.todos/export
  real_repo tetrabit__llmfit.db "$repo"
  "$GIT_TD" -C "$repo" export >/dev/null || fail "real: export"
  commit_all "$repo" "export"
  for f in $(find "$tree/issues" -name '*.yaml' | sort | head -5); do
    sed -i 's/^title: .*/title: Retitled in the tree/' "$f"
  done
  mapfile -t logs < <(find "$tree/logs" -name '*.yaml' | sort | head -3)
  git -C "$repo" rm -q "${logs[@]}"
  commit_all "$repo" "tree edits"
  killed_import real "$repo"
  assert_eq "$(sqlite3 "$db" "select count(*) from issues where title = 'Retitled in the tree'")" 5 "real: retitled issues"
fi
