#!/usr/bin/env bash
# A schema-38 database with rows of every kind and hostile text exports one
# file per row, and PyYAML reads back exactly what SQLite holds: text byte for
# byte (CRLF, tabs, trailing/leading spaces and newlines, unicode, YAML-special
# words), integers, booleans, NULL vs ''. Timestamps become UTC RFC 3339 with Z
# (legacy Go text included), dates stay YYYY-MM-DD, labels and handoff lists
# become lists (td's `null` list text stays null), and machine-local work-session columns never leave the machine.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
new_repo "$repo"
empty_td_db "$db"
"$GIT_TD" -C "$repo" init >/dev/null

"$PY" - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
texts = {
    "multiline": "first line\nsecond line\n\nlast line",
    "trailing-newline": "one line\n",
    "two-trailing-newlines": "keep\nboth\n\n",
    "only-newlines": "\n\n",
    "trailing-spaces": "line with trailing spaces   \nnext  \n",
    "leading-spaces": "   indented first line\nsecond\n",
    "leading-newline": "\nstarts with a newline",
    "crlf": "windows\r\nline\r\nendings\r\n",
    "lone-cr": "old mac\rline",
    "tabs": "\tcol1\tcol2\n\t\tdeeper\t\n",
    "unicode": "naïve café — 日本語 😀\nΩ≈ç√ and \u00a0nbsp",
    "yaml-specials": "- item\n? key\n: value\n# not a comment\n---\n...\n%YAML 1.2\n",
    "quotes": "it's \"quoted\" and `ticked`\\back\\slash",
    "unicode-breaks": "next-line\u0085line-sep\u2028para-sep\u2029end",
    "controls": "bell\x07 escape\x1b del\x7f bom\ufeff",
}
words = ["yes", "no", "Yes", "NO", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "",
         "0123", "0x1F", "0o17", "1e3", "1_000", ".inf", "-.Inf", ".NaN", "12:30", "1:20:30",
         "2026-01-01", "2026-01-01 10:00:00", "3.14", "+1", "-0", ": x", "a: b", "a #b", "#c",
         "- a", "-", "?", "? x", "*star", "&anchor", "!tag", "%pct", "@at", "`tick", "{a: 1}",
         "[a]", "'single'", '"double"', "<<", "=", "|", ">", " leading", "trailing ", " ",
         "end:", "a,b", "[", "}"]
issue_cols = ("id, title, description, status, type, priority, points, labels, parent_id, "
              "acceptance, created_at, updated_at, closed_at, deleted_at, minor, sprint, "
              "defer_until, due_date, defer_count, reviewed_at")
legacy = "2026-04-04 03:13:49.270094495 -0400 EDT m=+0.026561364"
def issue(id, title, description="", labels="", **kw):
    row = dict(id=id, title=title, description=description, status="open", type="task",
               priority="P2", points=0, labels=labels, parent_id="", acceptance="",
               created_at=legacy, updated_at="2026-04-04 07:13:49.5+00:00", closed_at=None,
               deleted_at=None, minor=0, sprint="", defer_until=None, due_date=None,
               defer_count=0, reviewed_at=None)
    row.update(kw)
    db.execute(f"insert into issues ({issue_cols}) values ({','.join('?' * len(row))})",
               [row[c.strip()] for c in issue_cols.split(",")])
n = 0
for name, text in texts.items():
    n += 1
    issue(f"td-a{n:05x}", f"text {name}", description=text, acceptance=text)
for word in words:
    n += 1
    issue(f"td-a{n:05x}", word, description=word, sprint=word, parent_id=word)
issue("td-b00001", "labelled", labels="a,b", points=5, minor=1, defer_count=3,
      defer_until="2026-05-01", due_date="2026-06-30", status="closed",
      closed_at="2026-04-05 10:00:00", reviewed_at="2026-04-05T10:00:00Z",
      deleted_at="2026-04-06 11:00:00.000100-07:00")
issue("td-b00002", "one label", labels="solo")
issue("td-b00003", "NULL, not ''", description=None, labels=None, sprint=None)
ex = db.execute
ex("insert into logs (id, issue_id, session_id, work_session_id, message, type, timestamp) values "
   "('lg-00000001', 'td-b00001', 'ses_aaaaaa', '', ?, 'decision', ?)", (texts["crlf"], legacy))
ex("insert into logs (id, issue_id, session_id, message, timestamp) values "
   "('lg-00000002', '', 'ses_aaaaaa', 'yes', '2026-04-04 03:13:49 -0400 EDT')")
ex("insert into handoffs (id, issue_id, session_id, done, remaining, decisions, uncertain, timestamp) values "
   "('ho-00000001', 'td-b00001', 'ses_aaaaaa', 'null', '[]', ?, '[\"null\", \"\"]', ?)",
   ('["yes", "a: b", "multi\\nline\\n", "#c"]', legacy))
ex("insert into comments (id, issue_id, session_id, text, created_at) values "
   "('cm-00000001', 'td-b00001', 'ses_aaaaaa', ?, '2026-04-04T07:13:49.270Z')", (texts["unicode"],))
ex("insert into issue_dependencies (id, issue_id, depends_on_id, relation_type) values "
   "('dep_0123456789abcdef', 'td-b00001', 'td-b00002', 'depends_on')")
ex("insert into issue_files (id, issue_id, file_path, role, linked_sha, linked_at) values "
   "('ifl_0123456789abcdef', 'td-b00001', 'src/a b/ü.cpp', 'test', '0123456', '2026-04-04 03:13:49')")
ex("insert into boards (id, name, query, is_builtin, view_mode, created_at, updated_at, last_viewed_at) values "
   "('bd-00000001', 'Mine', 'status = open # and: yes', 0, 'backlog', ?, ?, null)", (legacy, legacy))
ex("insert into board_issue_positions (id, board_id, issue_id, position, added_at, deleted_at) values "
   "('bip_0123456789abcdef', 'bd-00000001', 'td-b00001', 65536, '2026-04-04 03:13:49', null)")
ex("insert into work_sessions (id, name, session_id, worktree_id, worktree_root, repo_root, "
   "started_at, ended_at, start_sha, end_sha) values ('ws-0001', 'sess', 'ses_aaaaaa', "
   "'wt-LOCALONLY', '/home/LOCALONLY/wt', '/home/LOCALONLY/repo', ?, null, '0123', '')", (legacy,))
ex("insert into work_session_issues (id, work_session_id, issue_id, tagged_at) values "
   "('wsi_0123456789abcdef', 'ws-0001', 'td-b00001', '2026-04-04 03:13:49')")
ex("insert into issue_reviews (id, issue_id, reviewer_session, decision, summary, requested_by_session, "
   "created_at, superseded_at, self_review, reviewed_by) values ('rv-00000001', 'td-b00001', "
   "'ses_bbbbbb', 'approved', ?, '', ?, null, 1, 'null')", (texts["multiline"], legacy))
ex("insert into notes (id, title, content, created_at, updated_at, pinned, archived, deleted_at) values "
   "('nt-000001', 'note: yes', ?, '2026-01-02T03:04:05.123+01:00', '2026-01-02T03:04:05Z', 1, 0, null)",
   (texts["trailing-spaces"],))
db.commit()
PY

"$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/warnings" || fail "export failed: $(cat "$WORK/warnings")"
[ ! -s "$WORK/warnings" ] || fail "export warned: $(cat "$WORK/warnings")"
for pair in $TD_KINDS; do
  assert_eq "$(count_files "$repo/.todos/export/${pair#*:}")" "$(td_rows "$db" "${pair%%:*}")" \
    "files in ${pair#*:}/ vs rows in ${pair%%:*}"
done
grep -rq LOCALONLY "$repo/.todos/export" && fail "machine-local work-session columns were exported"

"$PY" - "$db" "$repo/.todos/export" <<'PY' || fail "exported values differ from the database"
import pathlib, sqlite3, sys, yaml
db = sqlite3.connect(sys.argv[1]); db.row_factory = sqlite3.Row
root = pathlib.Path(sys.argv[2])
folders = {"issues": "issues", "boards": "boards", "work_sessions": "work_sessions", "notes": "notes",
           "logs": "logs", "handoffs": "handoffs", "comments": "comments",
           "issue_dependencies": "dependencies", "issue_files": "files",
           "board_issue_positions": "board_positions", "work_session_issues": "work_session_issues",
           "issue_reviews": "reviews"}
special = {"labels", "done", "remaining", "decisions", "uncertain",
           "minor", "is_builtin", "pinned", "archived", "self_review"}
timestamp = lambda c: c.endswith("_at") or c == "timestamp"
local_only = {"worktree_id", "worktree_root", "repo_root"}
errors = []
def check(where, got, want):
    if got != want or type(got) is not type(want):
        errors.append(f"{where}: got {got!r}, want {want!r}")
docs = {}
for table, folder in folders.items():
    for row in db.execute(f"select * from {table}"):
        if row["id"] == "bd-all-issues":
            if (root / folder / "bd-all-issues.yaml").exists():
                errors.append("built-in board exported")
            continue
        path = root / folder / f"{row['id']}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs[row["id"]] = doc
        if next(iter(doc)) != "id":
            errors.append(f"{path.name}: id is not the first key")
        for col in row.keys():
            where = f"{folder}/{row['id']}.{col}"
            if col in local_only:
                if col in doc: errors.append(f"{where}: machine-local column exported")
            elif col in special:
                pass
            elif timestamp(col):
                if row[col] is None: check(where, doc.get(col, "<missing>"), None)
                elif not (isinstance(doc.get(col), str) and doc[col].endswith("Z")):
                    errors.append(f"{where}: not a UTC timestamp: {doc.get(col)!r}")
            else:
                check(where, doc.get(col, "<missing>"), row[col])
        for col in ("minor", "is_builtin", "pinned", "archived", "self_review"):
            if col in row.keys(): check(f"{folder}/{row['id']}.{col}", doc.get(col), bool(row[col]))
issue, ho = docs["td-b00001"], docs["ho-00000001"]
legacy_z = "2026-04-04T07:13:49.270094495Z"
for where, got, want in [
    ("issue labels 'a,b'", issue["labels"], ["a", "b"]),
    ("issue labels 'solo'", docs["td-b00002"]["labels"], ["solo"]),
    ("issue labels ''", docs["td-a00001"]["labels"], []),
    ("issue labels NULL", docs["td-b00003"]["labels"], None),
    ("issue created_at (legacy Go)", issue["created_at"], legacy_z),
    ("issue updated_at (+00:00, .5)", issue["updated_at"], "2026-04-04T07:13:49.5Z"),
    ("issue closed_at (no zone)", issue["closed_at"], "2026-04-05T10:00:00Z"),
    ("issue reviewed_at (Z)", issue["reviewed_at"], "2026-04-05T10:00:00Z"),
    ("issue deleted_at (-07:00, .0001)", issue["deleted_at"], "2026-04-06T18:00:00.0001Z"),
    ("issue defer_until", issue["defer_until"], "2026-05-01"),
    ("issue due_date", issue["due_date"], "2026-06-30"),
    ("log timestamp (legacy, no fraction)", docs["lg-00000002"]["timestamp"], "2026-04-04T07:13:49Z"),
    # td writes the text null for an empty Go slice; docs/decisions.md 9 keeps it null.
    ("handoff done 'null'", ho["done"], None),
    ("handoff remaining '[]'", ho["remaining"], []),
    ("handoff decisions", ho["decisions"], ["yes", "a: b", "multi\nline\n", "#c"]),
    ("handoff uncertain", ho["uncertain"], ["null", ""]),
    ("handoff timestamp", ho["timestamp"], legacy_z),
    ("comment created_at (.270Z)", docs["cm-00000001"]["created_at"], "2026-04-04T07:13:49.27Z"),
    ("board created_at", docs["bd-00000001"]["created_at"], legacy_z),
    ("work session started_at", docs["ws-0001"]["started_at"], legacy_z),
    ("note created_at (+01:00)", docs["nt-000001"]["created_at"], "2026-01-02T02:04:05.123Z"),
    ("note updated_at", docs["nt-000001"]["updated_at"], "2026-01-02T03:04:05Z"),
    ("position added_at", docs["bip_0123456789abcdef"]["added_at"], "2026-04-04T03:13:49Z"),
]:
    check(where, got, want)
if errors:
    sys.exit("\n".join(errors[:40]) + (f"\n... {len(errors)} in all" if len(errors) > 40 else ""))
PY

# Hostile text is still byte-stable: a second export writes nothing.
assert_eq "$("$GIT_TD" -C "$repo" --output json export | jq -c '[(.written|length), (.removed|length)]')" \
  "[0,0]" "second export of the generated database"
