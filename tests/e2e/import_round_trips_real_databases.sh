#!/usr/bin/env bash
# Round trip through the tree (DESIGN §2.1): each real td database (schemas 27
# to 32) is exported, the tree is cloned and imported into an empty schema-38
# database, and every shared column of every shared table compares equal to
# the original (timestamps as instants, handoff lists as parsed JSON). Export
# of the new database gives a byte-identical tree. The import writes one
# action_log row per record with td's entity_type names, stamped in UTC (Z).
source "$(dirname "$0")/lib/common.sh"
need_shared
need_realdata
need_python

# compare ORIGINAL NEW: every shared column of every shared table equal.
compare() {
  "$PY" - "$1" "$2" <<'PY'
import json, re, sqlite3, sys
from datetime import datetime, timezone, timedelta

TABLES = ["issues", "logs", "handoffs", "comments", "issue_dependencies", "issue_files", "boards",
          "board_issue_positions", "work_sessions", "work_session_issues", "issue_reviews", "notes"]
LOCAL = {"work_sessions": {"worktree_id", "worktree_root", "repo_root"}}
LISTS = {"handoffs": {"done", "remaining", "decisions", "uncertain"}}
NOTE_TIMES = {"created_at", "updated_at", "deleted_at"}

TS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
                r"(?:(Z)|\s?([+-])(\d{2}):?(\d{2}))?(?: [A-Za-z]{2,5})?(?: m=[+-]\d+(?:\.\d+)?)?$")

def instant(text):
    """Nanoseconds since the epoch, or None when text is no td timestamp."""
    if not isinstance(text, str):
        return None
    m = TS.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, z, sign, oh, om = m.groups()
    local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=timezone.utc)
    offset = 0
    if sign:
        offset = (int(oh) * 60 + int(om)) * 60 * (1 if sign == "+" else -1)
    seconds = int((local - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds()) - offset
    return seconds * 10**9 + int((frac or "").ljust(9, "0"))

# Sanity of the parser itself on the forms DESIGN §2.1 lists.
assert instant("2026-04-04 03:13:49.27 -0400 EDT m=+0.02") == instant("2026-04-04T07:13:49.27Z")
assert instant("2026-04-04 07:13:49") == instant("2026-04-04T07:13:49Z") == instant("2026-04-04 09:13:49+02:00")
assert instant("2026-04-04T07:13:49.270094495Z") - instant("2026-04-04 07:13:49.27") == 94495

def parsed_list(value):
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    return json.loads(value) if isinstance(value, str) else value

def columns(db, table):
    return [(r[1], (r[2] or "").upper()) for r in db.execute(f'pragma table_info("{table}")')]

old, new = (sqlite3.connect(p) for p in sys.argv[1:3])
problems, compared = [], 0
for table in TABLES:
    if not old.execute("select 1 from sqlite_master where type='table' and name=?", (table,)).fetchone():
        continue
    new_cols = {c for c, _ in columns(new, table)}
    cols = [(c, t) for c, t in columns(old, table) if c not in LOCAL.get(table, set())]
    missing = [c for c, _ in cols if c not in new_cols]
    if missing:
        problems.append(f"{table}: new database lacks columns {missing}")
        continue
    names = ", ".join(f'"{c}"' for c, _ in cols)
    where = "where id <> 'bd-all-issues'" if table == "boards" else ""
    a = {r[0]: r for r in old.execute(f"select {names} from {table} {where}")}
    b = {r[0]: r for r in new.execute(f"select {names} from {table} {where}")}
    if a.keys() != b.keys():
        problems.append(f"{table}: ids only in original {sorted(a.keys() - b.keys())[:5]}, "
                        f"only in new {sorted(b.keys() - a.keys())[:5]}")
    for id in sorted(a.keys() & b.keys()):
        for (col, decl), x, y in zip(cols, a[id], b[id]):
            compared += 1
            if table in LISTS and col in LISTS[table]:
                same = parsed_list(x) == parsed_list(y)
            elif (decl == "DATETIME" or (table == "notes" and col in NOTE_TIMES)) and instant(x) is not None:
                same = instant(x) == instant(y)
            else:
                same = x == y and type(x) == type(y)
            if not same:
                problems.append(f"{table} {id} {col}: original {x!r}, imported {y!r}")
if problems:
    print(f"{len(problems)} differences, e.g.:", *problems[:20], sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(compared)
PY
}

# check_action_log NEW ORIGINAL: one row per imported record, td's entity
# names, UTC timestamps with Z, session git-td.
check_action_log() {
  local new=$1 orig=$2 expected="" entity table n got
  for pair in issue:issues logs:logs handoff:handoffs comments:comments \
    issue_dependencies:issue_dependencies issue_files:issue_files work_sessions:work_sessions \
    work_session_issues:work_session_issues board:boards board_issue_positions:board_issue_positions \
    issue_reviews:issue_reviews note:notes; do
    entity=${pair%%:*} table=${pair#*:}
    n=$(td_rows "$orig" "$table")
    [ "$n" = 0 ] || expected+="$entity|$n"$'\n'
  done
  got=$(sqlite3 "$new" "select entity_type || '|' || count(*) from action_log group by entity_type" | LC_ALL=C sort)
  assert_eq "$got" "$(printf '%s' "$expected" | LC_ALL=C sort)" "action_log rows per entity_type"
  assert_eq "$(sqlite3 "$new" "select count(*) from action_log where timestamp not like '%Z'
    or timestamp not glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*' or session_id <> 'git-td'
    or entity_id = '' or not json_valid(new_data) or previous_data <> ''")" 0 \
    "action_log rows with a non-UTC timestamp, another session or no new_data"
  assert_eq "$(sqlite3 "$new" "select count(distinct entity_type || ' ' || entity_id) from action_log")" \
    "$(sqlite3 "$new" "select count(*) from action_log")" "one action_log row per record"
}

for name in $(real_db_names); do
  stem=${name%.db}
  src=$WORK/$stem-src dst=$WORK/$stem-dst again=$WORK/$stem-again new=$WORK/$stem-new.db
  real_repo "$name" "$src"
  "$GIT_TD" -C "$src" export >/dev/null || fail "$name: export failed"
  commit_all "$src" "export $name"

  # A clone has the tree but no base: everything in it is new to the database.
  git clone -q "$src" "$dst"
  empty_td_db "$new"
  before=$(sqlite3 "$new" "select count(*) from action_log")
  assert_eq "$before" 0 "$name: empty_td_db starts without action_log rows"
  out=$("$GIT_TD" -C "$dst" --db "$new" --output json import) || fail "$name: import into an empty database failed"
  records=$(find "$src/.todos/export" -mindepth 2 -type f | wc -l | tr -d ' ')
  assert_eq "$(jq '[.changes[] | select(.action == "insert")] | length' <<<"$out")" "$records" \
    "$name: records inserted"
  assert_eq "$(sqlite3 "$new" 'pragma integrity_check')" ok "$name: integrity of the new database"
  assert_eq "$(sqlite3 "$new" 'pragma foreign_key_check' | wc -l | tr -d ' ')" 0 "$name: foreign keys"

  compared=$(compare "$src/.todos/issues.db" "$new") || fail "$name: imported database differs from the original"
  [ "$compared" -gt 0 ] || fail "$name: nothing compared"
  check_action_log "$new" "$src/.todos/issues.db"

  # Export of the new database, from scratch in a fresh repository: the same bytes.
  new_repo "$again"
  cp "$new" "$again/.todos/issues.db"
  "$GIT_TD" -C "$again" init >/dev/null
  "$GIT_TD" -C "$again" export >/dev/null || fail "$name: export of the imported database failed"
  diff -r "$src/.todos/export" "$again/.todos/export" >&2 || fail "$name: re-exported tree differs"

  # And in the clone that imported it, export has nothing to write.
  out=$("$GIT_TD" -C "$dst" --db "$new" --output json export) || fail "$name: export after import failed"
  assert_eq "$(jq -c '[(.written|length), (.removed|length), (.awaiting_import|length)]' <<<"$out")" "[0,0,0]" \
    "$name: export right after the import"
  assert_eq "$(git -C "$dst" status --porcelain --untracked-files=all)" "" "$name: clone's tree after export"
done
