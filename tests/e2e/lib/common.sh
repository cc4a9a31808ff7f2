# shellcheck shell=bash
# Shared helpers for end-to-end scenarios. Each scenario sources this file,
# gets a private temporary directory, and runs the real git-td binary ($GIT_TD)
# in real git repositories. Exit 0 = pass, 77 = skipped (ctest SKIP), else fail.
set -euo pipefail

: "${GIT_TD:?GIT_TD must point at the git-td binary (ctest sets it)}"
: "${GITTD_SOURCE_DIR:?}"
SHARED=${GITTD_SHARED_DIR:-$GITTD_SOURCE_DIR/../shared}
SCHEMA_SQL=$SHARED/td/schema.sql
REALDATA=$SHARED/realdata/td

WORK=$(mktemp -d "${TMPDIR:-/tmp}/git-td-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

export GIT_AUTHOR_NAME=git-td-test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=git-td-test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
# No background `git gc --auto` after a commit of thousands of files: it
# would still be writing into .git when the test's cleanup removes it.
git config --global gc.auto 0

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
need_shared() { [ -f "$SCHEMA_SQL" ] || skip "../shared is absent (needs $SCHEMA_SQL)"; }
need_realdata() { [ -d "$REALDATA" ] || skip "../shared/realdata is absent"; }

# new_repo DIR: an empty git repository with td's usual .gitignore rule.
new_repo() {
  mkdir -p "$1" && git -C "$1" init -q && printf '.todos/\n' >"$1/.gitignore"
  mkdir -p "$1/.todos"
}

# empty_td_db PATH: a fresh schema-38 td database from shared/td/schema.sql.
empty_td_db() { sqlite3 "$1" <"$SCHEMA_SQL"; }

# real_db NAME DEST: a writable copy of a real database (they are read-only, WAL-flagged).
real_db() { cp "$REALDATA/$1" "$2" && chmod u+w "$2"; }

# count_files DIR: number of regular files below DIR (0 if absent).
count_files() { if [ -d "$1" ]; then find "$1" -type f | wc -l | tr -d ' '; else echo 0; fi; }

assert_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: expected '$2', got '$1'"; }

# The kinds git-td exports, as table:folder (src/gittd/model/kinds.cpp).
# Used by the scenarios that source this file.
# shellcheck disable=SC2034
TD_KINDS="issues:issues boards:boards work_sessions:work_sessions notes:notes logs:logs
handoffs:handoffs comments:comments issue_dependencies:dependencies issue_files:files
board_issue_positions:board_positions work_session_issues:work_session_issues
issue_reviews:reviews"

# td_rows DB TABLE: rows git-td must export from TABLE (0 when the table is
# absent; the built-in board bd-all-issues is not exported).
td_rows() {
  local has
  has=$(sqlite3 "$1" "select count(*) from sqlite_master where type='table' and name='$2'")
  [ "$has" = 1 ] || { echo 0; return; }
  local where=""
  [ "$2" = boards ] && where="where id <> 'bd-all-issues'"
  sqlite3 "$1" "select count(*) from $2 $where"
}

PY=/usr/bin/python3
need_python() {
  "$PY" -c 'import yaml, jsonschema' 2>/dev/null ||
    fail "needs /usr/bin/python3 with PyYAML and jsonschema (python3-yaml, python3-jsonschema)"
}

# snapshot DIR: a listing of every file below DIR with its content hash, so two
# snapshots are equal exactly when the tree is byte-for-byte the same. Lock
# files (*.lock) are left out: every run writes its pid and time there.
snapshot() { (cd "$1" && find . -type f ! -name '*.lock' -print0 | sort -z | xargs -0 -r sha256sum); }

# real_repo NAME DIR: a new repository holding a copy of real database NAME
# (a file in $REALDATA) as .todos/issues.db, set up with `git-td init`.
real_repo() {
  new_repo "$2" && real_db "$1" "$2/.todos/issues.db" && "$GIT_TD" -C "$2" init >/dev/null
}
real_db_names() { (cd "$REALDATA" && ls -- *.db); }

# commit_all DIR: commit everything git sees (the export tree, .gitignore).
commit_all() { git -C "$1" add -A && git -C "$1" commit -q -m "${2:-snapshot}"; }

# The hooks `git td init` installs run whatever git-td is on PATH. Keep any
# installed git-td off it, so that a scenario runs only the binary under test,
# and only when it asks for it with git_td_on_path. (A directory that also
# holds git stays: without git nothing runs.)
_path=
IFS=: read -ra _dirs <<<"$PATH"
for _dir in "${_dirs[@]}"; do
  if [ -x "$_dir/git-td" ] && [ ! -x "$_dir/git" ]; then continue; fi
  _path=${_path:+$_path:}$_dir
done
export PATH=$_path
unset _path _dirs _dir
git_td_on_path() { PATH="$(dirname "$GIT_TD"):$PATH"; export PATH; }

# td_repo DIR: new_repo with an empty td database, set up by `git td init`
# (inline mode: hooks installed), and the setup committed.
td_repo() {
  new_repo "$1" && empty_td_db "$1/.todos/issues.db" &&
    "$GIT_TD" -C "$1" init >/dev/null 2>&1 && commit_all "$1" "git-td init" 2>/dev/null
}

# sql_text TEXT: TEXT as an SQL string literal.
sql_text() { printf "'%s'" "${1//\'/\'\'}"; }

# add_issue DB ID TITLE [UPDATED_AT]: inserts an open issue into a td database.
add_issue() {
  sqlite3 "$1" "insert into issues (id, title, status, type, priority, created_at, updated_at)
    values ('$2', $(sql_text "$3"), 'open', 'task', 'P2', '2026-04-01 09:00:00+00:00',
    '${4:-2026-04-01 09:00:00+00:00}')"
}

# set_title DB ID TITLE UPDATED_AT: retitles an issue as td would (bumping updated_at).
set_title() { sqlite3 "$1" "update issues set title = $(sql_text "$3"), updated_at = '$4' where id = '$2'"; }
title_of() { sqlite3 "$1" "select title from issues where id = '$2'"; }

# issues_with_comments DB N: issues td-a00001..N (N < 10), each with one comment
# cm-0000000n, all created 2026-04-01 09:00 UTC.
issues_with_comments() {
  local n t0='2026-04-01 09:00:00+00:00'
  for n in $(seq 1 "$2"); do
    sqlite3 "$1" "insert into issues (id, title, created_at, updated_at) values ('td-a0000$n', 'Issue $n', '$t0', '$t0');
      insert into comments (id, issue_id, session_id, text, created_at)
        values ('cm-0000000$n', 'td-a0000$n', 'ses_aaaaaa', 'Comment $n', '$t0')"
  done
}

# replace_line FILE KEY NEWLINE: replaces the line `KEY: …` of FILE with NEWLINE (may
# hold newlines); needs python3 (need_python).
replace_line() {
  KEY=$2 NEW=$3 "$PY" - "$1" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
new = re.sub(rf"^{re.escape(os.environ['KEY'])}: .*$", lambda m: os.environ["NEW"], text, count=1, flags=re.M)
assert new != text, "nothing replaced"
open(sys.argv[1], "w", encoding="utf-8").write(new)
PY
}
