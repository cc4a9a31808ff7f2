#!/usr/bin/env bash
# A fresh clone works in two commands: `git clone` and `git td init` (DESIGN
# §3, the end). td's own `td init` does nothing there (.todos/ exists: it holds
# the committed tree), so git-td creates td's database as td would and
# imports the tree. With the real td v0.62.0 and tdread (../shared/td/bin):
#  (1) Alice works with td (issues, a start, a log, a comment, a handoff, a
#      closed issue), runs `git td init`, exports, commits and pushes.
#  (2) Bob clones and runs `git td init`: it says it created the database and
#      imported every record; td lists every issue of Alice's, tdread reads
#      the database without error and its issues, logs, handoffs and comments
#      are Alice's (but each issue's session history: machine-local); an
#      export changes no file; td create works afterwards; a
#      second init creates nothing.
#  (3) The database removed, init creates it again and imports everything
#      (the base store of the old database is forgotten, not trusted).
#  (4) `git td import` in a clone without a database creates it and says so
#      on stderr; `--dry-run` says what it would do and creates nothing.
#  (5) `git td init --mode branch` creates the database but imports nothing:
#      in branch mode that is the sync's job.
source "$(dirname "$0")/lib/common.sh"
need_shared
TD=$SHARED/td/bin/td TDREAD=$SHARED/td/bin/tdread
if [ ! -x "$TD" ] || [ ! -x "$TDREAD" ]; then skip "../shared/td/bin has no td and tdread"; fi
git_td_on_path
export NO_COLOR=1

origin=$WORK/origin.git a=$WORK/alice b=$WORK/bob
git init -q --bare "$origin"

# td_in DIR SESSION ARGS...: the real td, run in DIR as a user would.
td_in() {
  local dir=$1 session=$2
  shift 2
  (cd "$dir" && TD_SESSION_ID=$session "$TD" "$@") 2>>"$WORK/td.err"
}
# shared_dump DB OUT: tdread's view of the shared kinds td keeps in DB.
shared_dump() {
  "$TDREAD" -o "$WORK/dump.json" "$1" 2>"$WORK/tdread.err" || { cat "$WORK/tdread.err" >&2; fail "tdread failed on $1"; }
  jq -S '{issues: [.issues[] | del(.session_history)], logs, handoffs, comments}' "$WORK/dump.json" >"$2"
}
issue_ids() { td_in "$1" "$2" list --all --json | jq -r '.[].id' | LC_ALL=C sort | tr '\n' ' '; }

# (1) Alice.
mkdir -p "$a" && git -C "$a" init -q
td_in "$a" ses_alice init >/dev/null || fail "td init in alice's clone failed"
td_in "$a" ses_alice create "First issue of the project" --type bug --priority P1 --labels backend,urgent >/dev/null
td_in "$a" ses_alice create "Second issue, closed later" --type feature >/dev/null
first=$(td_in "$a" ses_alice list --all --json | jq -r '.[] | select(.title | startswith("First")) | .id')
second=$(td_in "$a" ses_alice list --all --json | jq -r '.[] | select(.title | startswith("Second")) | .id')
if [ -z "$first" ] || [ -z "$second" ]; then fail "td create did not make two issues"; fi
td_in "$a" ses_alice start "$first" >/dev/null
td_in "$a" ses_alice log "$first" "Found the cause of the bug" >/dev/null
td_in "$a" ses_alice comment "$first" "A comment for whoever picks this up" >/dev/null
td_in "$a" ses_alice handoff "$first" --done "found the cause" --remaining "write the fix" >/dev/null
td_in "$a" ses_alice close "$second" >/dev/null
"$GIT_TD" -C "$a" init >"$WORK/init-a.out" 2>&1 || { cat "$WORK/init-a.out" >&2; fail "git td init in alice's clone failed"; }
! grep -q "created td database" "$WORK/init-a.out" || fail "init created a database where td had one"
"$GIT_TD" -C "$a" export >/dev/null 2>&1 || fail "export in alice's clone failed"
commit_all "$a" "alice: td tasks" 2>/dev/null
git -C "$a" push -q "$origin" HEAD:main 2>"$WORK/push.err" || { cat "$WORK/push.err" >&2; fail "push failed"; }
records=$(git -C "$a" ls-files .todos/export | grep -cv -e 'git-td.yaml$' -e '.gitattributes$')
[ "$records" -ge 6 ] || fail "alice's commit holds $records records"
shared_dump "$a/.todos/issues.db" "$WORK/alice.json"

# (2) Bob: git clone, git td init.
git clone -q "$origin" "$b" 2>/dev/null || fail "clone failed"
[ ! -e "$b/.todos/issues.db" ] || fail "the clone has a database already"
(cd "$b" && TD_SESSION_ID=ses_bob "$TD" init >/dev/null 2>&1) || true
[ ! -e "$b/.todos/issues.db" ] || fail "td init made a database in the clone (the premise changed)"
"$GIT_TD" -C "$b" init >"$WORK/init-b.out" 2>&1 || { cat "$WORK/init-b.out" >&2; fail "git td init in bob's clone failed"; }
grep -qx "created td database .todos/issues.db (schema 38) and imported $records records" "$WORK/init-b.out" ||
  { cat "$WORK/init-b.out" >&2; fail "init did not say it created the database and imported $records records"; }
assert_eq "$(issue_ids "$b" ses_bob)" "$(issue_ids "$a" ses_alice)" "issues td lists in bob's clone"
shared_dump "$b/.todos/issues.db" "$WORK/bob.json"
diff "$WORK/alice.json" "$WORK/bob.json" >&2 || fail "tdread sees other issues, logs, handoffs or comments in bob's clone"
assert_eq "$(jq '.issues | length' "$WORK/bob.json")" 2 "issues in bob's database"
assert_eq "$(jq '[.logs, .handoffs, .comments | length >= 1] | all' "$WORK/bob.json")" true "logs, handoffs, comments in bob's database"
"$GIT_TD" -C "$b" export >/dev/null 2>&1 || fail "export in bob's clone failed"
assert_eq "$(git -C "$b" status --porcelain)" "" "bob's worktree after init and an export"
td_in "$b" ses_bob create "Made in the fresh clone by td" >/dev/null || fail "td create failed in bob's clone"
assert_eq "$(td_in "$b" ses_bob list --all --json | jq length)" 3 "issues after td create in bob's clone"
"$TDREAD" "$b/.todos/issues.db" >/dev/null 2>&1 || fail "tdread failed after td create in bob's clone"
"$GIT_TD" -C "$b" init >"$WORK/init-b2.out" 2>&1 || fail "second init in bob's clone failed"
! grep -q "created td database" "$WORK/init-b2.out" || fail "a second init created a database"

# (3) The database gone: init makes it again from the tree, all of it.
c=$WORK/carol
git clone -q "$origin" "$c" 2>/dev/null || fail "clone for carol failed"
"$GIT_TD" -C "$c" init >/dev/null 2>&1 || fail "init in carol's clone failed"
rm "$c/.todos/issues.db"
"$GIT_TD" -C "$c" init >"$WORK/init-c.out" 2>&1 || { cat "$WORK/init-c.out" >&2; fail "init after removing the database failed"; }
grep -q "and imported $records records" "$WORK/init-c.out" || { cat "$WORK/init-c.out" >&2; fail "init did not import everything again"; }
assert_eq "$(issue_ids "$c" ses_carol)" "$(issue_ids "$a" ses_alice)" "issues in carol's recreated database"

# (4) git td import in a clone without a database.
d=$WORK/dave
git clone -q "$origin" "$d" 2>/dev/null || fail "clone for dave failed"
"$GIT_TD" -C "$d" import --dry-run >"$WORK/dry.out" 2>"$WORK/dry.err" || { cat "$WORK/dry.err" >&2; fail "import --dry-run failed"; }
grep -q "no td database at .todos/issues.db: would create it (schema 38)" "$WORK/dry.err" ||
  { cat "$WORK/dry.err" >&2; fail "import --dry-run did not say it would create the database"; }
grep -q "would change $records records ($records new" "$WORK/dry.out" || { cat "$WORK/dry.out" >&2; fail "import --dry-run's plan"; }
[ ! -e "$d/.todos/issues.db" ] || fail "import --dry-run created the database"
assert_eq "$(ls -A "$d/.todos")" export "what .todos holds after import --dry-run"
[ ! -e "$d/.git/git-td" ] || fail "import --dry-run wrote a base store"
"$GIT_TD" -C "$d" import >"$WORK/import.out" 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "import failed"; }
grep -q "no td database at .todos/issues.db: created it (schema 38) and imported the tree into it" "$WORK/import.err" ||
  { cat "$WORK/import.err" >&2; fail "import did not say on stderr that it created the database"; }
assert_eq "$(issue_ids "$d" ses_dave)" "$(issue_ids "$a" ses_alice)" "issues in dave's database"
"$TDREAD" "$d/.todos/issues.db" >/dev/null 2>&1 || fail "tdread failed on the database import created"
"$GIT_TD" -C "$d" import >/dev/null 2>"$WORK/import2.err" || fail "second import failed"
! grep -q "no td database" "$WORK/import2.err" || fail "a second import created a database"

# (5) Branch mode: the database, but no import.
e=$WORK/erin
git clone -q "$origin" "$e" 2>/dev/null || fail "clone for erin failed"
"$GIT_TD" -C "$e" init --mode branch >"$WORK/init-e.out" 2>&1 || { cat "$WORK/init-e.out" >&2; fail "init --mode branch failed"; }
grep -qx "created td database .todos/issues.db (schema 38); in branch mode the sync imports the tasks" "$WORK/init-e.out" ||
  { cat "$WORK/init-e.out" >&2; fail "init --mode branch did not say it created the database"; }
assert_eq "$(td_in "$e" ses_erin list --all --json | jq length)" 0 "issues in erin's database (branch mode)"
"$TDREAD" "$e/.todos/issues.db" >/dev/null 2>&1 || fail "tdread failed on the branch-mode database"
echo "PASS"
