#!/usr/bin/env bash
# Import is a three-way merge per record, db vs tree against base (DESIGN §3, §4):
#  (a) db and tree change different fields of one issue: both survive, in the
#      database and, after the next export, in the file;
#  (b) both change the title: the later updated_at wins (either side), the
#      losing title is kept in the file's `conflicts` and in sync_conflicts;
#  (c) a tree-only change is imported; a db-only change is left untouched;
#  (d) a removal that arrives (git rm, committed) marks an unchanged issue
#      deleted as td's own delete does (its children stay), deletes an
#      unchanged log; a row changed locally is kept, reported, and written
#      back by the next export;
#  (e) a second import reads no file and changes nothing; a second export
#      writes nothing.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
new_repo "$repo"
empty_td_db "$db"
"$PY" - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("pragma foreign_keys = on")
t0 = "2026-04-01 09:00:00+00:00"
for n in range(1, 9):
    db.execute("insert into issues (id, title, description, status, type, priority, labels, created_at, updated_at)"
               " values (?, ?, ?, 'open', 'task', 'P2', 'alpha,beta', ?, ?)",
               (f"td-a0000{n}", f"Issue number {n}", f"Plain description {n}", t0, t0))
    db.execute("insert into comments (id, issue_id, session_id, text, created_at) values (?, ?, 'ses_aaaaaa', ?, ?)",
               (f"cm-0000000{n}", f"td-a0000{n}", f"comment on issue {n}", t0))
    db.execute("insert into handoffs (id, issue_id, session_id, done, remaining, timestamp)"
               " values (?, ?, 'ses_aaaaaa', '[\"a\"]', '[]', ?)", (f"ho-0000000{n}", f"td-a0000{n}", t0))
    db.execute("insert into logs (id, issue_id, session_id, message, type, timestamp)"
               " values (?, ?, 'ses_aaaaaa', ?, 'progress', ?)", (f"lg-0000000{n}", f"td-a0000{n}", f"log {n}", t0))
db.execute("insert into issue_dependencies (id, issue_id, depends_on_id, relation_type)"
           " values ('dep_0000000000000001', 'td-a00002', 'td-a00006', 'depends_on')")
db.commit()
PY
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "first export"
commit_all "$repo" "first export"
# The database agrees with that commit (the post-commit hook records it; git-td
# is not on PATH here, so the hooks do not run).
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import after the first commit"
records=$(find "$tree" -mindepth 2 -type f | wc -l | tr -d ' ')
assert_eq "$records" 33 "records in the first export"

file() { echo "$tree/issues/$1.yaml"; }
# set_line FILE KEY VALUE: replaces the line `KEY: …` (a one-line field) in a tree file.
set_line() {
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
# field FILE KEY: a field of a tree file, as JSON (PyYAML).
field() { "$PY" -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]]))' "$1" "$2"; }
row() { sqlite3 "$db" "select $2 from issues where id = '$1'"; }

# (a) different fields of td-a00001: priority in td, description in the tree.
sqlite3 "$db" "update issues set priority = 'P0', updated_at = '2026-05-01 10:00:00+00:00' where id = 'td-a00001'"
set_line "$(file td-a00001)" description "Description edited in the tree"
set_line "$(file td-a00001)" updated_at '"2026-05-02T10:00:00Z"'

# (b) both retitle td-a00002 (the tree is later) and td-a00003 (td is later).
sqlite3 "$db" "update issues set title = 'Title from td', updated_at = '2026-05-01 10:00:00+00:00' where id = 'td-a00002';
  update issues set title = 'Title from td', updated_at = '2026-05-03 10:00:00+00:00' where id = 'td-a00003'"
for id in td-a00002 td-a00003; do
  set_line "$(file $id)" title "Title from the tree"
  set_line "$(file $id)" updated_at '"2026-05-02T10:00:00Z"'
done

# (c) the tree alone changes td-a00004; td alone changes td-a00005.
set_line "$(file td-a00004)" status in_progress
set_line "$(file td-a00004)" updated_at '"2026-05-02T10:00:00Z"'
sqlite3 "$db" "update issues set title = 'Changed only in td', labels = 'beta',
  updated_at = '2026-05-01 11:30:00.5-04:00' where id = 'td-a00005'"
row5=$(sqlite3 "$db" "select quote(id), quote(title), quote(labels), quote(updated_at), quote(status) from issues where id = 'td-a00005'")

# (d) td-a00006 (unchanged in td) and td-a00007 (retitled in td) are git rm'd.
sqlite3 "$db" "update issues set title = 'Edited while removed elsewhere', updated_at = '2026-05-01 10:00:00+00:00'
  where id = 'td-a00007'"
git -C "$repo" rm -q "$(file td-a00006)" "$(file td-a00007)" "$tree/logs/lg-00000008.yaml"
commit_all "$repo" "edits in the tree"

log_before=$(sqlite3 "$db" "select count(*) from action_log")
out=$("$GIT_TD" -C "$repo" --output json import 2>"$WORK/import.err") || { cat "$WORK/import.err" >&2; fail "import"; }
# (td-a00003's row keeps td's values, so whether it is listed is up to import.)
actions=$(jq -r '.changes[] | "\(.kind)/\(.id) \(.action)" | select(startswith("issues/td-a00003 ") | not)' <<<"$out" |
  LC_ALL=C sort)
assert_eq "$actions" "issues/td-a00001 merge
issues/td-a00002 merge
issues/td-a00004 update
issues/td-a00006 soft-delete
issues/td-a00007 kept
logs/lg-00000008 delete" "what import did"
grep -q "td-a00007" "$WORK/import.err" || fail "the kept row td-a00007 is not reported on stderr"

# (a)
assert_eq "$(row td-a00001 "priority || '|' || description")" "P0|Description edited in the tree" "(a) both edits in td"
# (b) (each check in a subshell: a failure here still lets (c)-(e) run; reported at the end)
b_failed=
check() { ( "$@" ) || b_failed=1; }
check assert_eq "$(row td-a00002 title)" "Title from the tree" "(b) later tree title wins"
check assert_eq "$(row td-a00003 title)" "Title from td" "(b) later td title wins"
for pair in "td-a00002:Title from td:Title from the tree" "td-a00003:Title from the tree:Title from td"; do
  IFS=: read -r id loser winner <<<"$pair"
  check assert_eq "$(sqlite3 "$db" "select entity_type || '|' || json_extract(local_data, '\$.title') || '|' ||
    json_extract(remote_data, '\$.title') || '|' || server_seq from sync_conflicts where entity_id = '$id'")" \
    "issues|$loser|$winner|0" "(b) sync_conflicts row of $id"
done
check assert_eq "$(sqlite3 "$db" "select count(*) from sync_conflicts")" 2 "(b) sync_conflicts rows"
check assert_eq "$(jq .new_conflicts <<<"$out")" 2 "(b) new_conflicts"
# (c)
assert_eq "$(row td-a00004 status)" in_progress "(c) tree-only change imported"
assert_eq "$(sqlite3 "$db" "select quote(id), quote(title), quote(labels), quote(updated_at), quote(status) from issues
  where id = 'td-a00005'")" "$row5" "(c) db-only change untouched"
assert_eq "$(sqlite3 "$db" "select count(*) from action_log where entity_id = 'td-a00005'
  and session_id = 'git-td'")" 0 "(c) no action_log row for the untouched issue"
# (d)
assert_eq "$(row td-a00006 "deleted_at is not null and deleted_at = updated_at")" 1 \
  "(d) unchanged removed issue marked deleted, as td deletes"
for table in comments handoffs logs; do
  assert_eq "$(sqlite3 "$db" "select count(*) from $table where issue_id = 'td-a00006'")" 1 \
    "(d) $table of the deleted issue stay"
done
assert_eq "$(sqlite3 "$db" "select count(*) from issue_dependencies")" 1 "(d) dependency on the deleted issue stays"
assert_eq "$(sqlite3 "$db" "select count(*) from logs where id = 'lg-00000008'")" 0 "(d) removed log deleted"
assert_eq "$(sqlite3 "$db" "select action_type || '|' || coalesce(new_data, '') from action_log where entity_id = 'td-a00006'
  and session_id = 'git-td'")" "delete|" "(d) the soft delete is logged as td logs its delete"
assert_eq "$(row td-a00007 title)" "Edited while removed elsewhere" "(d) locally changed row kept"
assert_eq "$(sqlite3 "$db" "select count(*) from comments where issue_id = 'td-a00007'")" 1 "(d) kept row's children"
# td's log: one row per issue change, written by git-td.
assert_eq "$(sqlite3 "$db" "select count(*) from action_log where session_id = 'git-td' and entity_type = 'issue'
  and entity_id in ('td-a00001', 'td-a00002', 'td-a00004', 'td-a00006')")" 4 "action_log rows of changed issues"
assert_eq "$(sqlite3 "$db" "select count(*) from action_log where entity_id <> 'td-a00003'")" "$((log_before + 5))" \
  "action_log rows added by the import (td-a00003's row did not change: a row there is optional)"

# The next export writes both edits, the conflicts, and the kept row back.
out=$("$GIT_TD" -C "$repo" --output json export) || fail "export after import"
check assert_eq "$(jq -r '(.written + .removed)[]' <<<"$out" | LC_ALL=C sort | tr '\n' ' ')" \
  "issues/td-a00001.yaml issues/td-a00002.yaml issues/td-a00003.yaml issues/td-a00005.yaml issues/td-a00006.yaml issues/td-a00007.yaml " \
  "files the export after the import touched"
assert_eq "$(jq -c '.awaiting_import' <<<"$out")" "[]" "nothing awaits import after the import"
f1=$(file td-a00001)
assert_eq "$(field "$f1" priority) $(field "$f1" description) $(field "$f1" updated_at)" \
  '"P0" "Description edited in the tree" "2026-05-02T10:00:00Z"' "(a) the file holds both edits"
for pair in "td-a00002:Title from td:Title from the tree" "td-a00003:Title from the tree:Title from td"; do
  IFS=: read -r id loser winner <<<"$pair"
  f=$(file "$id")
  check assert_eq "$(field "$f" title)" "\"$winner\"" "(b) exported title of $id"
  check assert_eq "$("$PY" -c 'import json, sys, yaml
c = yaml.safe_load(open(sys.argv[1])).get("conflicts") or [{}]
print(len(c), c[0].get("field"), c[0].get("rule"), json.dumps(sorted(c[0].get("values", []))), json.dumps(c[0].get("chosen")))' "$f")" \
    "1 title lww $("$PY" -c 'import json, sys; print(json.dumps(sorted(sys.argv[1:])))' "$loser" "$winner") \"$winner\"" \
    "(b) conflicts entry in the exported $id"
done
grep -qx 'title: Changed only in td' "$(file td-a00005)" || fail "(c) db-only change not exported"
grep -qx 'title: Edited while removed elsewhere' "$(file td-a00007)" || fail "(d) kept row not written back"
grep -q '^deleted_at: "' "$(file td-a00006)" || fail "(d) the deleted issue is not written back as deleted"
[ -e "$tree/comments/cm-00000006.yaml" ] || fail "(d) the deleted issue's comment file was removed"
[ ! -e "$tree/logs/lg-00000008.yaml" ] || fail "(d) the deleted log's file came back"
[ -e "$tree/comments/cm-00000007.yaml" ] || fail "(d) kept row's child file removed"
commit_all "$repo" "after import"

# (e) Nothing changed: import reads no file, changes nothing; export writes nothing.
db_sum=$(sha256sum <"$db")
files=$(find "$tree" -mindepth 2 -type f | wc -l | tr -d ' ')
text=$("$GIT_TD" -C "$repo" import) || fail "(e) second import"
grep -q "read 0 of $files files" <<<"$text" || fail "(e) second import read files: $text"
out=$("$GIT_TD" -C "$repo" --output json import) || fail "(e) third import"
assert_eq "$(jq -c '[.files_read, .files, (.changes|length), .new_conflicts]' <<<"$out")" "[0,$files,0,0]" \
  "(e) no-op import (JSON)"
assert_eq "$(sha256sum <"$db")" "$db_sum" "(e) no-op imports left the database as it was"
out=$("$GIT_TD" -C "$repo" --output json export) || fail "(e) no-op export"
assert_eq "$(jq -c '[(.written|length), (.removed|length), (.awaiting_import|length)]' <<<"$out")" "[0,0,0]" \
  "(e) no-op export"
assert_eq "$(git -C "$repo" status --porcelain --untracked-files=all)" "" "(e) tree after the no-op export"
assert_eq "$(sha256sum <"$db")" "$db_sum" "(e) no-op export left the database as it was"

[ -z "$b_failed" ] || fail "(b) a conflicting edit was not recorded as it should be (see the FAIL lines above)"
