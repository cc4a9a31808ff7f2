#!/usr/bin/env bash
# Import's guard and dry run (DESIGN §6):
#  - `import --dry-run` says what it would change (inserts, updates, merges,
#    deletes) and changes nothing: the database file, td's action_log and the
#    git dir's base store stay byte-for-byte as they were; in a fresh clone it
#    does not even create .git/git-td;
#  - an import that would delete more than half of the records (most files
#    removed from the tree after an export+import cycle) is refused with a
#    message pointing at --force, and changes nothing (not even the other,
#    harmless changes of the same import);
#  - with --force it goes through.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 9
"$GIT_TD" -C "$repo" init >/dev/null
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "export"
"$GIT_TD" -C "$repo" import >/dev/null || fail "import after the export"

# state: everything import could touch.
state() {
  sha256sum "$db"
  snapshot "$repo/.git/git-td"
  sqlite3 "$db" "select count(*) from action_log; select count(*) from sync_conflicts"
}
retitle() { sed -i "s/^title: .*/title: $2/" "$tree/issues/$1.yaml"; }

# --- Dry run: one change of each sort.
retitle td-a00001 "Changed in the tree"                                   # update
sqlite3 "$db" "update issues set priority = 'P0', updated_at = '2026-05-01 09:00:00+00:00' where id = 'td-a00002'"
retitle td-a00002 "Changed on both sides"                                 # merge
sed -e 's/^id: .*/id: td-b00001/' -e 's/^title: .*/title: New in the tree/' \
  "$tree/issues/td-a00003.yaml" >"$tree/issues/td-b00001.yaml"           # insert
git -C "$repo" rm -q "$tree/comments/cm-00000004.yaml"                    # delete
before=$(state)
rc=0 text=$("$GIT_TD" -C "$repo" import --dry-run 2>"$WORK/err") || rc=$?
assert_eq "$rc" 0 "dry run exit status ($(cat "$WORK/err"))"
for line in "would update issues/td-a00001" "would merge issues/td-a00002" "would insert issues/td-b00001" \
  "would delete comments/cm-00000004"; do
  grep -qxF "$line" <<<"$text" || fail "dry run does not say '$line': $text"
done
grep -q "would change 4 records" <<<"$text" || fail "dry run summary: $text"
out=$("$GIT_TD" -C "$repo" --output json import --dry-run) || fail "dry run (JSON)"
assert_eq "$(jq -c '[.dry_run, ([.changes[] | "\(.action) \(.kind)/\(.id)"] | sort)]' <<<"$out")" \
  '[true,["delete comments/cm-00000004","insert issues/td-b00001","merge issues/td-a00002","update issues/td-a00001"]]' \
  "dry run (JSON)"
assert_eq "$(state)" "$before" "the dry runs changed the database or the base store"

# In a fresh clone (no base yet) a dry run leaves no trace in the git dir either.
git clone -q "$repo" "$WORK/clone"
mkdir -p "$WORK/clone/.todos"
empty_td_db "$WORK/clone/.todos/issues.db"
clone_db=$(sha256sum <"$WORK/clone/.todos/issues.db")
out=$("$GIT_TD" -C "$WORK/clone" --output json import --dry-run) || fail "dry run in a fresh clone"
assert_eq "$(jq '[.changes[] | select(.action == "insert")] | length' <<<"$out")" 18 "dry run in a clone: inserts"
[ ! -e "$WORK/clone/.git/git-td" ] || fail "the dry run in a fresh clone created .git/git-td"
assert_eq "$(sha256sum <"$WORK/clone/.todos/issues.db")" "$clone_db" "the dry run in a fresh clone changed its database"

# The real import of the same changes, and an export (the merge of td-a00002
# goes back to the tree), to start the guard from full agreement.
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import of the dry-run changes"
assert_eq "$(sqlite3 "$db" "select count(*) from comments where id = 'cm-00000004'")" 0 "the delete after the dry run"
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export after the import"
commit_all "$repo" "agreed"
out=$("$GIT_TD" -C "$repo" --output json import) || fail "import after the export"
assert_eq "$(jq '.changes | length' <<<"$out")" 0 "db and tree agree before the guard"

# --- Guard: remove 13 of the 18 record files (issues td-a00001..7 and their comments).
records=$(find "$tree" -mindepth 2 -type f | wc -l | tr -d ' ')
assert_eq "$records" 18 "record files before the mass removal"
for n in 1 2 3 4 5 6 7; do
  git -C "$repo" rm -q --ignore-unmatch "$tree/issues/td-a0000$n.yaml" "$tree/comments/cm-0000000$n.yaml"
done
retitle td-a00008 "A harmless edit next to the removals"
commit_all "$repo" "most records removed"
before=$(state)
rc=0 out=$("$GIT_TD" -C "$repo" import 2>"$WORK/err") || rc=$?
assert_eq "$rc" 1 "exit status of the guarded import (stdout: $out)"
grep -q -- "--force" "$WORK/err" || fail "the refusal does not mention --force: $(cat "$WORK/err")"
# Counted as the tree counts records: td's built-in board is not one.
grep -q "would delete 13 of 18 records" "$WORK/err" || fail "the refusal miscounts: $(cat "$WORK/err")"
assert_eq "$(state)" "$before" "the refused import changed something"
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-a00008'")" "Issue 8" "the harmless edit was applied"

# A dry run with --force lists the deletes, and still changes nothing.
out=$("$GIT_TD" -C "$repo" --output json import --dry-run --force) || fail "dry run with --force"
assert_eq "$(jq '[.changes[] | select(.action == "delete" or .action == "soft-delete")] | length' <<<"$out")" 13 "deletes the forced dry run lists"
assert_eq "$(state)" "$before" "the forced dry run changed something"

# --- With --force the import goes through.
out=$("$GIT_TD" -C "$repo" --output json import --force) || fail "import --force"
assert_eq "$(jq '[.changes[] | select(.action == "delete" or .action == "soft-delete")] | length' <<<"$out")" 13 "deletes of the forced import"
assert_eq "$(sqlite3 "$db" "select count(*) from issues where deleted_at is null; select count(*) from comments")" "3
2" "rows left after the forced import (issues are marked deleted, as td deletes)"
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-a00008'")" \
  "A harmless edit next to the removals" "the harmless edit in the forced import"
out=$("$GIT_TD" -C "$repo" --output json import) || fail "import after the forced import"
assert_eq "$(jq '.changes | length' <<<"$out")" 0 "a second import after the forced one"
