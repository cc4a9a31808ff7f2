#!/usr/bin/env bash
# `git td status` (issue 11): every record changed since td's database and
# the tree last agreed, td's side in the first column, the tree's in the
# second, as the two dry runs would act on them (the real td makes the
# edits):
#  - a clean repository after export: nothing listed;
#  - td creates an issue: 'A ';
#  - a hand edit of a record file: ' M'; the same record also edited in td:
#    'MM' with "(import: recorded)" (td's later edit wins, the hand edit is set
#    aside); a record file removed while td edits it: 'MD' (import: kept);
#  - --json lists the same records with database/tree/import fields;
#  - status changes nothing (database, tree and git's index as before);
#  - after import and export it is clean again.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

repo=$WORK/repo
td_client_repo "$repo"
td_create "$repo" "First" && first=$NEW_ID
td_create "$repo" "Second" && second=$NEW_ID
td_create "$repo" "Third" && third=$NEW_ID
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export"
commit_all "$repo" "tasks"

status_lines() { "$GIT_TD" -C "$repo" status 2>"$WORK/status.err" | grep -v '^nothing changed\|changed in td' | LC_ALL=C sort; }
assert_eq "$(status_lines)" "" "status after an export"
"$GIT_TD" -C "$repo" status | grep -q '^nothing changed' || fail "a clean status does not say so"

td_create "$repo" "Fourth" && fourth=$NEW_ID
td_retitle "$repo" "$first" "First, edited in td"
sed -i 's/^title: Second$/title: Second, edited by hand/' "$repo/.todos/export/issues/$second.yaml"
sed -i 's/^title: Third$/title: Third, edited by hand/' "$repo/.todos/export/issues/$third.yaml"
td_retitle "$repo" "$third" "Third, edited in td"
rm "$repo/.todos/export/issues/$first.yaml"
td_retitle "$repo" "$first" "First, edited in td again"

before_db=$(sha256sum <"$repo/.todos/issues.db") before_tree=$(snapshot "$repo/.todos/export")
before_index=$(git -C "$repo" ls-files -s --debug | sha256sum)
expected=$(printf '%s\n' "A  issues/$fourth" " M issues/$second" "MD issues/$first  (import: kept)" \
  "MM issues/$third  (import: recorded)" | LC_ALL=C sort)
actual=$(status_lines | grep '^.. issues/')
assert_eq "$actual" "$expected" "status after edits on both sides"
grep -q "1 changed in td ('git td export' writes them), 1 in the tree ('git td import' reads them), 2 in both" \
  < <("$GIT_TD" -C "$repo" status 2>/dev/null) || fail "status summary: $("$GIT_TD" -C "$repo" status 2>&1 | tail -1)"

json=$("$GIT_TD" -C "$repo" --json status) || fail "status --json"
assert_eq "$(jq -r --arg id "$third" '.records[] | select(.id == $id) | "\(.kind) \(.database) \(.tree) \(.import)"' <<<"$json")" \
  "issues modified modified recorded" "the merged record in JSON (td's later title wins, the hand edit is set aside)"
assert_eq "$(jq -r --arg id "$fourth" '.records[] | select(.id == $id) | "\(.database)|\(.tree)|\(.import)"' <<<"$json")" \
  "added||" "the new record in JSON"
assert_eq "$(jq -r --arg id "$first" '.records[] | select(.id == $id) | "\(.database) \(.tree) \(.import)"' <<<"$json")" \
  "modified deleted kept" "the record removed from the tree in JSON"

assert_eq "$(sha256sum <"$repo/.todos/issues.db")" "$before_db" "database after status"
assert_eq "$(snapshot "$repo/.todos/export")" "$before_tree" "tree after status"
assert_eq "$(git -C "$repo" ls-files -s --debug | sha256sum)" "$before_index" "git's index after status"

# Another, empty database (--db; it agrees with nothing yet) beside the
# tree: status lists the tree's records as new to it, where a plain export
# would refuse (its empty-database guard).
sqlite3 "$WORK/empty.db" <"$SCHEMA_SQL"
empty_status=$("$GIT_TD" -C "$repo" --db "$WORK/empty.db" --json status) || fail "status with an empty database"
assert_eq "$(jq -c '[.records[] | .database + "/" + .tree] | unique' <<<"$empty_status")" '["/added"]' \
  "status of an empty database"
assert_eq "$(jq '.records | length' <<<"$empty_status")" \
  "$(find "$repo/.todos/export/issues" -name '*.yaml' | wc -l | tr -d ' ')" "records new to the empty database"

"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import"
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export after import"
assert_eq "$(status_lines)" "" "status after import and export"
"$TDREAD" "$repo/.todos/issues.db" >/dev/null || fail "tdread refuses the database"
echo ok
