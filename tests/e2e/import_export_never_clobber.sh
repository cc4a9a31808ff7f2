#!/usr/bin/env bash
# Export never overwrites a tree change that was not imported yet (DESIGN §3):
#  - the title of an issue edited in the tree and its priority edited in td:
#    export (also --full) leaves the file alone and warns to import (JSON
#    `awaiting_import`) while still writing td's other changes; import merges;
#    the next export writes a file holding both edits;
#  - a file added to the tree for a new issue (and one for its comment) is not
#    deleted by export, and import inserts both rows.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 3
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "first export"
commit_all "$repo" "first export"

f1=$tree/issues/td-a00001.yaml f2=$tree/issues/td-a00002.yaml
field() { "$PY" -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]]))' "$1" "$2"; }

# --- 1. The same issue edited on both sides; another issue edited in td only.
sed -i -e 's/^title: .*/title: Title from the tree/' -e 's/^updated_at: .*/updated_at: "2026-05-02T09:00:00Z"/' "$f1"
sqlite3 "$db" "update issues set priority = 'P0', updated_at = '2026-05-01 09:00:00+00:00' where id = 'td-a00001';
  update issues set title = 'Retitled in td', updated_at = '2026-05-01 09:00:00+00:00' where id = 'td-a00002'"
edited=$(sha256sum <"$f1")

"$GIT_TD" -C "$repo" export >"$WORK/out" 2>"$WORK/err" || fail "export with a pending tree edit: $(cat "$WORK/err")"
assert_eq "$(sha256sum <"$f1")" "$edited" "export overwrote the tree's edit"
grep -q "issues/td-a00001.yaml" "$WORK/err" || fail "export does not name the file it left alone: $(cat "$WORK/err")"
grep -q "git td import" "$WORK/err" || fail "export does not say to import: $(cat "$WORK/err")"
grep -qx 'title: Retitled in td' "$f2" || fail "export did not write td's change to another issue"

for flags in "" "--full"; do
  out=$("$GIT_TD" -C "$repo" --output json export $flags 2>/dev/null) || fail "export $flags (JSON)"
  assert_eq "$(jq -c '[.awaiting_import, .written, .removed]' <<<"$out")" '[["issues/td-a00001.yaml"],[],[]]' \
    "export $flags: JSON report"
  assert_eq "$(sha256sum <"$f1")" "$edited" "export $flags overwrote the tree's edit"
done

out=$("$GIT_TD" -C "$repo" --output json import) || fail "import"
assert_eq "$(jq -c '[.changes[] | "\(.action) \(.kind)/\(.id)"]' <<<"$out")" '["merge issues/td-a00001"]' "what import did"
assert_eq "$(sqlite3 "$db" "select title || '|' || priority from issues where id = 'td-a00001'")" \
  "Title from the tree|P0" "the database after the import holds both edits"

out=$("$GIT_TD" -C "$repo" --output json export) || fail "export after the import"
assert_eq "$(jq -c '[.awaiting_import, .written, .removed]' <<<"$out")" '[[],["issues/td-a00001.yaml"],[]]' \
  "export after the import: JSON report"
assert_eq "$(field "$f1" title) $(field "$f1" priority) $(field "$f1" updated_at)" \
  '"Title from the tree" "P0" "2026-05-02T09:00:00Z"' "the file after the import and export holds both edits"
out=$("$GIT_TD" -C "$repo" --output json export) || fail "second export after the import"
assert_eq "$(jq -c '[.awaiting_import, .written, .removed]' <<<"$out")" '[[],[],[]]' "second export after the import"
commit_all "$repo" "merged"

# --- 2. New records added to the tree (as a teammate's commit would bring them).
cat >"$tree/issues/td-b00001.yaml" <<'EOF'
id: td-b00001
title: Written by hand in the tree
status: open
type: bug
priority: P1
created_at: "2026-05-03T10:00:00Z"
updated_at: "2026-05-03T10:00:00Z"
EOF
sed -e 's/^id: .*/id: cm-b0000001/' -e 's/^issue_id: .*/issue_id: td-b00001/' -e 's/^text: .*/text: A new comment/' \
  "$tree/comments/cm-00000001.yaml" >"$tree/comments/cm-b0000001.yaml"
commit_all "$repo" "new records in the tree"
new_files=$(cat "$tree/issues/td-b00001.yaml" "$tree/comments/cm-b0000001.yaml" | sha256sum)
sqlite3 "$db" "update issues set status = 'in_progress', updated_at = '2026-05-03 11:00:00+00:00' where id = 'td-a00003'"
# An export that reads only td's changed rows (decision 90) leaves the tree's
# news alone without listing them; --full lists them as awaiting import.
for flags in "" "--full"; do
  out=$("$GIT_TD" -C "$repo" --output json export $flags 2>/dev/null) || fail "export $flags with new files in the tree"
  awaiting='["comments/cm-b0000001.yaml","issues/td-b00001.yaml"]'
  [ -n "$flags" ] || { assert_eq "$(jq -r .database_read <<<"$out")" "changed rows" "export reads"; awaiting='[]'; }
  assert_eq "$(jq -c '[(.awaiting_import | sort), .removed]' <<<"$out")" \
    "[$awaiting,[]]" "export $flags with new files in the tree"
  assert_eq "$(cat "$tree/issues/td-b00001.yaml" "$tree/comments/cm-b0000001.yaml" | sha256sum)" "$new_files" \
    "export $flags touched the new files"
done
grep -qx 'status: in_progress' "$tree/issues/td-a00003.yaml" || fail "td's own change was not exported meanwhile"

out=$("$GIT_TD" -C "$repo" --output json import) || fail "import of the new records"
assert_eq "$(jq -c '[.changes[] | "\(.action) \(.kind)/\(.id)"] | sort' <<<"$out")" \
  '["insert comments/cm-b0000001","insert issues/td-b00001"]' "import of the new records"
assert_eq "$(sqlite3 "$db" "select title || '|' || type || '|' || priority || '|' || status from issues where id = 'td-b00001'")" \
  "Written by hand in the tree|bug|P1|open" "the new issue in the database"
assert_eq "$(sqlite3 "$db" "select issue_id || '|' || text from comments where id = 'cm-b0000001'")" \
  "td-b00001|A new comment" "the new comment in the database"

# The next export writes the hand-written file in canonical form, keeping its data.
out=$("$GIT_TD" -C "$repo" --output json export) || fail "export after importing the new records"
assert_eq "$(jq -c '[.awaiting_import, .removed]' <<<"$out")" '[[],[]]' "export after importing the new records"
assert_eq "$(field "$tree/issues/td-b00001.yaml" title) $(field "$tree/issues/td-b00001.yaml" priority)" \
  '"Written by hand in the tree" "P1"' "the new issue's file after the export"
[ -f "$tree/comments/cm-b0000001.yaml" ] || fail "the new comment's file is gone"
out=$("$GIT_TD" -C "$repo" --output json import) || fail "final import"
assert_eq "$(jq '.changes | length' <<<"$out")" 0 "final import"
