#!/usr/bin/env bash
# An import keeps the next export cheap (decision 91): the entries it moves
# have no row digest, so export converts exactly those rows (and the rows
# td changed) instead of every row, whether the import wrote their rows or
# not; the rows it deleted are named, so their absence is no unexplained
# delete. What the cheap export leaves is what a full one would: after every
# step a `--full` export writes and removes nothing.
#
# The cases: a hand edit imported (the row now holds the file's version), a
# merge of both sides (only export can write the merged file), a record
# removed from the tree (its row deleted by import), a step back in history
# (import leaves the database alone, and export must write td's state over
# the old file — the database file shows no change at all), a touched file
# (only its stamp moves: nothing to export), a file that reads as the record
# but is not canonical (export rewrites it), a new record from the tree, a
# removal import keeps because td changed the record (export writes it
# back), a removal of a record td already deleted (the same), a row an
# import deleted (export reads every row: a rowid does not say which row
# went), and a rowid td freed and an import filled again (the freed row's
# file must go), also when the next import deletes that row again. Then
# a store an older git-td wrote: upgraded once by two processes at a time,
# and a record it wrote over an export's blob is not settled by that blob.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
td_client_repo "$repo"
td_create "$repo" "First issue" && first=$NEW_ID
td_create "$repo" "Second issue" && second=$NEW_ID
td_create "$repo" "Third issue" && third=$NEW_ID
td_comment "$repo" "$first" "A comment the tree will remove"
td_log "$repo" "$second" "A log"

# export_reads EXPECTED STEP: exports (JSON), checks how the database was
# read and the record count, keeps the report in $out; then a --full export
# must change nothing.
export_reads() {
  out=$("$GIT_TD" -C "$repo" --json export 2>"$WORK/export.err") || { cat "$WORK/export.err" >&2; fail "$2: export"; }
  assert_eq "$(jq -r .database_read <<<"$out")" "$1" "$2: how export read the database"
  assert_eq "$(jq -r .records <<<"$out")" "$(find "$tree" -mindepth 2 -name '*.yaml' | wc -l | tr -d ' ')" \
    "$2: records counted"
  local full
  full=$("$GIT_TD" -C "$repo" --json export --full 2>/dev/null) || fail "$2: export --full"
  assert_eq "$(jq -c '[.written, .removed]' <<<"$full")" '[[],[]]' "$2: what a full export still changed"
}
written() { jq -c '[.written[], .removed[]] | sort' <<<"$out"; }
# arriving_dependency ID ISSUE DEPENDS_ON: a dependency file as a pull brings it.
arriving_dependency() {
  printf 'id: %s\nissue_id: %s\ndepends_on_id: %s\nrelation_type: depends_on\n' "$1" "$2" "$3" \
    >"$tree/dependencies/$1.yaml"
}
import() { "$GIT_TD" -C "$repo" import >/dev/null 2>"$WORK/import.err" || { cat "$WORK/import.err" >&2; fail "import: $1"; }; }

export_reads "every row" "first export"
commit_all "$repo" "first export" || fail "first commit"
export_reads "none" "nothing changed"

# A hand edit of a file, imported: the row takes the file's title.
sed -i 's/^title: First issue$/title: Retitled in the file/' "$tree/issues/$first.yaml"
import "a hand edit"
assert_eq "$(title_of "$db" "$first")" "Retitled in the file" "the hand edit imported"
export_reads "changed rows" "after importing a hand edit"
assert_eq "$(written)" "[]" "files written after importing a hand edit"

# Both sides: td retitles, the file gains a description; import merges and
# only export can write the merged record to the file.
td_retitle "$repo" "$second" "Retitled by td"
sed -i "s/^description: \"\"\$/description: Described in the file/" "$tree/issues/$second.yaml"
grep -q '^description: Described in the file$' "$tree/issues/$second.yaml" || fail "test set-up: no description line"
import "both sides changed"
export_reads "changed rows" "after a merge of both sides"
assert_eq "$(written)" "[\"issues/$second.yaml\"]" "files written after a merge"
grep -q '^title: Retitled by td$' "$tree/issues/$second.yaml" || fail "td's title is not in the merged file"
grep -q '^description: Described in the file$' "$tree/issues/$second.yaml" || fail "the file's description was lost"

# A record removed from the tree: import deletes its row.
comment=$(sqlite3 "$db" "select id from comments")
rm "$tree/comments/$comment.yaml"
import "a removed comment"
assert_eq "$(sqlite3 "$db" "select count(*) from comments")" 0 "the comment's row deleted by import"
# A rowid can be freed and filled again before an import deletes the row
# there, so a row gone is never taken for the import's (see below).
export_reads "every row" "after import deleted a row"
assert_eq "$(written)" "[]" "files written after import deleted a row"

# A touched file: only its stamp moved.
commit_all "$repo" "edits" || fail "commit"
touch -d "2020-01-01" "$tree/issues/$third.yaml"
import "a touched file"
export_reads "none" "after importing a touched file"

# A step back: td retitles, the commit carries it; checking out the commit
# before shows the old title, which import must not take (time runs forward)
# and export must replace, though the database file did not change.
td_retitle "$repo" "$third" "Retitled by td, committed"
git -C "$repo" commit -q --allow-empty -m "third retitled" || fail "commit of the retitle"
export_reads "none" "after the commit's hooks"
# post-checkout imports: the step back.
git -C "$repo" checkout -q HEAD~1 2>/dev/null || fail "checkout of the commit before"
grep -q '^title: Third issue$' "$tree/issues/$third.yaml" || fail "test set-up: the old title is not checked out"
assert_eq "$(title_of "$db" "$third")" "Retitled by td, committed" "a step back imported nothing"
export_reads "changed rows" "after a step back"
assert_eq "$(written)" "[\"issues/$third.yaml\"]" "files written after a step back"
grep -q '^title: Retitled by td, committed$' "$tree/issues/$third.yaml" || fail "export left the old title"
git -C "$repo" checkout -q -f main 2>/dev/null || fail "back to main"

# A new record from the tree.
sed -e "s/$first/td-0ab1e5/" -e 's/^title: .*/title: New in the tree/' "$tree/issues/$first.yaml" >"$tree/issues/td-0ab1e5.yaml"
import "a new file"
assert_eq "$(title_of "$db" td-0ab1e5)" "New in the tree" "the new record imported"
export_reads "changed rows" "after importing a new record"
assert_eq "$(written)" "[]" "files written after importing a new record"
# A file that reads as the record but is not export's bytes: import takes
# nothing, export makes it canonical again.
sed -i 's/^title: New in the tree$/title: "New in the tree"/' "$tree/issues/td-0ab1e5.yaml"
import "a quoted title"
export_reads "changed rows" "after importing a non-canonical file"
assert_eq "$(written)" '["issues/td-0ab1e5.yaml"]' "files written for a non-canonical file"
grep -q '^title: New in the tree$' "$tree/issues/td-0ab1e5.yaml" || fail "the title is not canonical again"

# A removal that arrives for a record td changed since: import keeps the
# row, export writes the file back.
commit_all "$repo" "more" || fail "commit"
td_retitle "$repo" "$first" "Changed by td before the removal"
export_reads "changed rows" "td's change"
rm "$tree/issues/$first.yaml"
import "a removal of a changed record"
export_reads "changed rows" "after import kept a changed record"
assert_eq "$(written)" "[\"issues/$first.yaml\"]" "files written for a kept record"

# A removal that arrives for a record td already deleted.
td_in "$repo" delete "$third" >/dev/null
export_reads "changed rows" "td's delete"
rm "$tree/issues/$third.yaml"
import "a removal of a deleted record"
export_reads "changed rows" "after a removal of a record td deleted"
assert_eq "$(written)" "[\"issues/$third.yaml\"]" "files written for an already deleted record"
grep -q '^deleted_at: "' "$tree/issues/$third.yaml" || fail "the deleted record lost its deleted_at"

# td frees the newest rowid; an import fills it with another record. The
# freed row's file must go, as a full read removes it.
td_in "$repo" dep add "$first" "$second" >/dev/null
export_reads "changed rows" "td's new dependency"
freed=$(sqlite3 "$db" "select id from issue_dependencies")
td_in "$repo" dep rm "$first" "$second" >/dev/null
arrived=dep_0123456789abcdef
arriving_dependency "$arrived" "$second" "$first"
import "a dependency that takes the freed rowid"
assert_eq "$(sqlite3 "$db" "select id from issue_dependencies")" "$arrived" "test set-up: the rowid was filled again"
export_reads "every row" "after an import filled a rowid td freed"
assert_eq "$(written)" "[\"dependencies/$freed.yaml\"]" "the freed dependency's file removed"

# The same, and the record that took the rowid is removed by the next
# pull before any export: the rowid is gone again, and so is td's delete's
# record; export must still find the file that has to go.
td_in "$repo" dep add "$second" "$third" >/dev/null
commit_all "$repo" "second dependency" || fail "commit of the second dependency"
export_reads "none" "after the commit's hooks"
freed=$(sqlite3 "$db" "select id from issue_dependencies where issue_id = '$second' and depends_on_id = '$third'")
td_in "$repo" dep rm "$second" "$third" >/dev/null
arrived=dep_fedcba9876543210
arriving_dependency "$arrived" "$third" "$second"
no_hooks=(-c core.hooksPath=/dev/null)
git -C "$repo" add "$tree/dependencies/$arrived.yaml" || fail "git add of the arriving dependency"
git -C "$repo" "${no_hooks[@]}" commit -q -m "arrived" || fail "commit of the arriving dependency"
import "a dependency that takes the freed rowid again"
git -C "$repo" rm -q "$tree/dependencies/$arrived.yaml" || fail "git rm of the arriving dependency"
git -C "$repo" "${no_hooks[@]}" commit -q -m "removed" || fail "commit of its removal"
import "its removal"
assert_eq "$(sqlite3 "$db" "select count(*) from issue_dependencies where id = '$arrived'")" 0 "test set-up: the removal imported"
export_reads "every row" "after an import deleted the row that filled a freed rowid"
assert_eq "$(written)" "[\"dependencies/$freed.yaml\"]" "td's deleted dependency's file removed"

# A store an older git-td wrote (no canonical blobs, no pending lists):
# two processes open it at once, and both upgrade it without an error.
store=$(ls "$repo"/.git/git-td/base*.sqlite)
for round in 1 2 3 4 5; do
  sqlite3 "$store" "drop trigger base_record_forgets_blob; drop index base_export_pending;
    drop table rows_inserted_by_import; drop table export_visits; alter table base drop column canonical_blob"
  "$GIT_TD" -C "$repo" export >"$WORK/one.out" 2>&1 & one=$!
  "$GIT_TD" -C "$repo" export >"$WORK/two.out" 2>&1 & two=$!
  wait "$one" || { cat "$WORK/one.out" >&2; fail "round $round: the first export upgrading an older store"; }
  wait "$two" || { cat "$WORK/two.out" >&2; fail "round $round: the second export upgrading an older store"; }
done
# An older git-td writes another record over an entry and keeps its blob:
# the blob no longer stands for the record, so HEAD's file does not settle it.
commit_all "$repo" "settled" || fail "commit"
"$GIT_TD" -C "$repo" export --full >/dev/null 2>&1 || fail "export --full"
assert_eq "$(sqlite3 "$store" "select canonical_blob is not null from base where id = '$second'")" 1 \
  "test set-up: export kept a blob"
sqlite3 "$store" "update base set record = replace(record, 'Retitled by td', 'An older git-td wrote this') where id = '$second'"
assert_eq "$(sqlite3 "$store" "select canonical_blob is null from base where id = '$second'")" 1 \
  "the blob of a record an older git-td rewrote"
echo "ok"
