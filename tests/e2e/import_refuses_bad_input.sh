#!/usr/bin/env bash
# Import checks every changed file before it touches the database (DESIGN §2,
# §4): malformed YAML, git conflict markers, duplicate keys, wrong types, an
# unknown kind folder, an id that is not the file's name, an unsafe file name,
# a file over 16 MiB and a changed .json file beside a record's .yaml file are each refused with
# exit 1 and an error naming the file (and its line where there is one). The
# database stays byte-for-byte as it was, with no action_log row added, even
# though every case also carries a valid tree edit that a partial import would
# have written, and the base store is left as it was.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 3
sqlite3 "$db" "insert into action_log (id, session_id, action_type, entity_type, entity_id, new_data, timestamp)
  values ('al-00000001', 'ses_aaaaaa', 'create', 'issue', 'td-a00001', '{}', '2026-04-01T09:00:00Z')"
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "export"
"$GIT_TD" -C "$repo" import >/dev/null || fail "first import"

issue2=$tree/issues/td-a00002.yaml comment3=$tree/comments/cm-00000003.yaml
# Every grep must match; fail runs when any of them does not.
# shellcheck disable=SC2015
grep -qx 'title: Issue 2' "$issue2" && grep -qx 'labels: \[\]' "$issue2" && grep -qx 'minor: false' "$issue2" &&
  grep -qx 'text: Comment 3' "$comment3" || fail "the exported files do not look as this test expects"
# line_of FILE PATTERN: the line number of the first line matching PATTERN.
line_of() { grep -n -m1 -- "$2" "$1" | cut -d: -f1; }
state() {
  sha256sum "$db" "$repo/.git/git-td/base.sqlite" | cut -d' ' -f1 | tr '\n' ' '
  sqlite3 "$db" "select count(*) from action_log; select count(*) from sync_conflicts"
}
before=$(state)

# refused NAME WHERE: the tree holds one bad file (and a good edit): import must
# fail with exit 1 and an error containing WHERE (a path, maybe with :LINE:),
# and leave everything as it was. Then the tree is restored.
refused() {
  local name=$1 where=$2 rc=0 out
  replace_line "$tree/issues/td-a00001.yaml" title "title: A valid edit made in the tree"
  out=$("$GIT_TD" -C "$repo" import 2>"$WORK/err") || rc=$?
  assert_eq "$rc" 1 "$name: exit status of the refused import (stdout: $out; stderr: $(cat "$WORK/err"))"
  grep -qF -- "$where" "$WORK/err" || fail "$name: the error does not name '$where': $(cat "$WORK/err")"
  assert_eq "$(state)" "$before" "$name: database, base store, action_log or sync_conflicts changed"
  assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-a00001'")" "Issue 1" "$name: the valid edit"
  git -C "$repo" checkout -q -- .todos/export
  git -C "$repo" clean -qfd -- .todos/export
  assert_eq "$(git -C "$repo" status --porcelain --untracked-files=all)" "" "$name: restoring the tree"
}

rel() { echo "${1#"$repo"/}"; }

# Malformed YAML (an unclosed flow sequence, an unterminated quote).
replace_line "$issue2" title "title: [unclosed"
refused "malformed flow sequence" "$(rel "$issue2"):"
grep -q "$(rel "$issue2"):[0-9][0-9]*: " "$WORK/err" || fail "malformed YAML: no line number: $(cat "$WORK/err")"
replace_line "$comment3" text 'text: "unterminated'
refused "unterminated quote" "$(rel "$comment3"):"
grep -q "$(rel "$comment3"):[0-9][0-9]*: " "$WORK/err" || fail "malformed YAML: no line number: $(cat "$WORK/err")"

# Git conflict markers: a whole conflict block, and each marker line alone.
replace_line "$comment3" text $'<<<<<<< ours\ntext: Comment three\n=======\ntext: Comment 3 (edited)\n>>>>>>> theirs'
refused "conflict block" "$(rel "$comment3"):$(line_of "$comment3" '^<<<<<<<'):"
for marker in '<<<<<<< HEAD' '=======' '>>>>>>> feature' '|||||||  base'; do
  replace_line "$issue2" description "description: \"\""$'\n'"$marker"
  refused "lone marker '$marker'" "$(rel "$issue2"):$(line_of "$issue2" "^${marker:0:7}"):"
done

# A duplicate key (the second wins in a lenient reader: refuse instead).
replace_line "$issue2" sprint $'sprint: ""\ntitle: A second title'
refused "duplicate key" "$(rel "$issue2"):$(line_of "$issue2" '^title: A second'):"

# Wrong types (values td would reject have their own test: import_refuses_values_td_rejects.sh).
replace_line "$issue2" title "title: [a, b]"
refused "title as a list" "$(rel "$issue2"):$(line_of "$issue2" '^title:'):"
replace_line "$issue2" minor 'minor: "x"'
refused "minor as text" "$(rel "$issue2"):$(line_of "$issue2" '^minor:'):"
replace_line "$issue2" labels "labels: 5"
refused "labels as an integer" "$(rel "$issue2"):$(line_of "$issue2" '^labels:'):"
replace_line "$comment3" text "text: {a: 1}"
refused "comment text as a mapping" "$(rel "$comment3"):$(line_of "$comment3" '^text:'):"

# A folder that is no kind.
mkdir "$tree/widgets"
cp "$issue2" "$tree/widgets/x.yaml"
refused "unknown kind folder" ".todos/export/widgets"

# An id that is not the file's name (git paired a delete and an add as a rename).
cp "$issue2" "$tree/issues/td-a00009.yaml"
refused "id differs from the file name" "$(rel "$tree/issues/td-a00009.yaml"):1:"
cp "$comment3" "$tree/comments/cm-00000009.yaml"
replace_line "$tree/comments/cm-00000009.yaml" id "id: cm-0000000a"
refused "id differs from the file name (comment)" "$(rel "$tree/comments/cm-00000009.yaml"):1:"

# Unsafe ids: in the file name, and in the file (path traversal).
for bad in "bad name" "-dash" ".hidden" "x\$y"; do
  cp "$issue2" "$tree/issues/$bad.yaml"
  refused "unsafe file name '$bad'" "$(rel "$tree/issues/$bad.yaml")"
done
sed 's|^id: .*|id: ../../../etc/x|' "$issue2" >"$tree/issues/td-a0000f.yaml"
refused "unsafe id in the file" "$(rel "$tree/issues/td-a0000f.yaml"):1:"

# A file over 16 MiB (a valid record otherwise).
"$PY" - "$issue2" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read().replace('description: ""', 'description: "' + "x" * (16 * 1024 * 1024) + '"', 1)
open(path, "w").write(text)
PY
[ "$(stat -c %s "$issue2")" -gt $((16 * 1024 * 1024)) ] || fail "the big file is not big"
refused "file over 16 MiB" "$(rel "$issue2")"

# A changed .json file beside a record's .yaml file (a lone file of the other
# format is read in its own format since decision 67; two files for one record
# are not).
"$PY" -c 'import json, sys, yaml; d = yaml.safe_load(open(sys.argv[1])); d["title"] = "Other"; print(json.dumps(d))' \
  "$issue2" >"$tree/issues/td-a00002.json"
refused ".json file beside the .yaml file" "$(rel "$tree/issues/td-a00002.json")"

# JSON output: the error as a document, and still nothing changed.
replace_line "$issue2" minor 'minor: "x"'
rc=0 out=$("$GIT_TD" -C "$repo" --output json import 2>/dev/null) || rc=$?
assert_eq "$rc" 1 "JSON output: exit status"
jq -e --arg f "$(rel "$issue2")" '.error.code | type == "string"' <<<"$out" >/dev/null || fail "JSON output: no error code: $out"
jq -e --arg f "$(rel "$issue2")" '.error.message | contains($f)' <<<"$out" >/dev/null ||
  fail "JSON output: the message does not name the file: $out"
assert_eq "$(state)" "$before" "JSON output: something changed"
git -C "$repo" checkout -q -- .todos/export

# And once the tree is clean, the valid edit alone imports.
replace_line "$tree/issues/td-a00001.yaml" title "title: A valid edit made in the tree"
"$GIT_TD" -C "$repo" import >/dev/null || fail "import of the valid edit"
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-a00001'")" "A valid edit made in the tree" \
  "the valid edit after the bad files are gone"
