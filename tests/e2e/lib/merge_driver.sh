# shellcheck shell=bash
# Helpers for the merge-driver scenarios (source after common.sh). Each
# repository is set up for the driver by hand, the way `git td init` does:
# the td-record driver in the clone's config, and the export tree's
# .gitattributes sending its files to it.
: "${GIT_TD_MERGE_DRIVER:?GIT_TD_MERGE_DRIVER must point at git-td-merge-driver (ctest sets it)}"

# driver_repo DIR: an empty repository whose .todos/export merges with the driver.
driver_repo() {
  mkdir -p "$1/.todos/export" && git -C "$1" init -q
  printf '.todos/*\n!.todos/export/\n' >"$1/.gitignore"
  printf '* merge=td-record diff=td-record text eol=lf\n' >"$1/.todos/export/.gitattributes"
  git -C "$1" config merge.td-record.name "git-td record merge"
  git -C "$1" config merge.td-record.driver "'$GIT_TD_MERGE_DRIVER' %O %A %B %L %P"
}

# issue_db DB ID...: a td database holding one open issue per ID, all born at
# one instant by one session, with a multi-line description.
issue_db() {
  local db=$1
  shift
  empty_td_db "$db"
  "$PY" - "$db" "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
t0 = "2026-04-01 09:00:00+00:00"
for n, issue_id in enumerate(sys.argv[2:]):
    description = "".join(f"Step {k}: do thing {k} of issue {n}.\n" for k in range(1, 9))
    db.execute("insert into issues (id, title, description, status, type, priority, labels, created_at,"
               " updated_at, creator_session) values (?, ?, ?, 'open', 'task', 'P2', 'alpha,beta', ?, ?, 'ses_aaaaaa')",
               (issue_id, f"Issue {issue_id}", description, t0, t0))
db.commit()
PY
}

# set_field FILE KEY VALUE: replaces the one-line field `KEY: …` of a record file.
set_field() {
  grep -q "^$2: " "$1" || fail "$1 has no one-line '$2' field"
  KEY=$2 VALUE=$3 "$PY" - "$1" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(rf"^{re.escape(os.environ['KEY'])}: .*$", lambda m: f"{os.environ['KEY']}: {os.environ['VALUE']}",
              text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
}

# replace_text FILE OLD NEW: replaces the first occurrence of OLD (a whole line of a block scalar, say).
replace_text() {
  grep -qF -- "$2" "$1" || fail "$1 does not contain '$2'"
  OLD=$2 NEW=$3 "$PY" - "$1" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(os.environ["OLD"], os.environ["NEW"], 1))
PY
}

# field FILE KEY: a field of a record file, as JSON (read with PyYAML, which reads JSON too).
field() { "$PY" -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]]))' "$1" "$2"; }

# conflicts_of FILE: the record's conflicts entries as `field:chosen:values…` lines.
conflicts_of() {
  "$PY" - "$1" <<'PY'
import json, sys, yaml
for entry in yaml.safe_load(open(sys.argv[1])).get("conflicts", []):
    print(entry["field"] + ":" + json.dumps(entry["chosen"]) + ":" + json.dumps(entry["values"]))
PY
}

# commit_in DIR MESSAGE: commits every change in DIR.
commit_in() { git -C "$1" add -A && git -C "$1" commit -q -m "$2"; }

# has_markers SIZE FILE: FILE holds git conflict markers of exactly SIZE characters.
has_markers() {
  local size=$1 file=$2 lt eq gt
  lt=$(printf '%*s' "$size" '' | tr ' ' '<') eq=$(printf '%*s' "$size" '' | tr ' ' '=') gt=$(printf '%*s' "$size" '' | tr ' ' '>')
  grep -q "^$lt " "$file" && grep -qx "$eq" "$file" && grep -q "^$gt " "$file" && ! grep -q "^$lt<" "$file"
}

# unmerged DIR: the paths git lists as conflicted.
unmerged() { git -C "$1" diff --name-only --diff-filter=U; }
