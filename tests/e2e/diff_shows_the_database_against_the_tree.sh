#!/usr/bin/env bash
# `git td diff` with no range (issue 11): how td's database differs from
# .todos/export, field by field, '-' the tree and '+' the database (what an
# export would write), as git diff shows the index against the worktree.
# The real td makes the edits:
#  - a clean repository after export: no record listed;
#  - td creates an issue: listed "added" with its title; td retitles one:
#    "title: old -> new"; a hand edit of a file: the reverse (the tree's
#    value before, the database's after); a record file removed: "added"
#    (the database has it, the tree does not);
#  - --json: the same records, from "tree" to "database";
#  - the diff changes nothing (database, tree, git's index);
#  - after import and export the two agree again: nothing listed.
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

records() { "$GIT_TD" -C "$repo" diff 2>"$WORK/diff.err" | grep '^issues/' | LC_ALL=C sort; }
assert_eq "$(records)" "" "diff after an export"

td_create "$repo" "Fourth" && fourth=$NEW_ID
td_retitle "$repo" "$first" "First, edited in td"
sed -i 's/^title: Second$/title: Second, edited by hand/' "$repo/.todos/export/issues/$second.yaml"
rm "$repo/.todos/export/issues/$third.yaml"

before_db=$(sha256sum <"$repo/.todos/issues.db") before_tree=$(snapshot "$repo/.todos/export")
before_index=$(git -C "$repo" ls-files -s --debug | sha256sum)
NO_COLOR=1 "$GIT_TD" -C "$repo" diff >"$WORK/diff.txt" 2>"$WORK/diff.err" || fail "diff: $(cat "$WORK/diff.err")"
expected=$(printf '%s\n' "issues/$first  modified  \"First, edited in td\"" "issues/$fourth  added  \"Fourth\"" \
  "issues/$second  modified  \"Second\"" "issues/$third  added  \"Third\"" | LC_ALL=C sort)
assert_eq "$(grep '^issues/' "$WORK/diff.txt" | LC_ALL=C sort)" "$expected" "records in the diff"
grep -qxF "  title: First -> First, edited in td" "$WORK/diff.txt" || fail "td's retitle: $(cat "$WORK/diff.txt")"
grep -qxF "  title: Second, edited by hand -> Second" "$WORK/diff.txt" || fail "the hand edit, tree before database"
if grep -q $'\033' "$WORK/diff.txt"; then fail "colour in a pipe"; fi

json=$("$GIT_TD" -C "$repo" --json diff) || fail "diff --json"
assert_eq "$(jq -r '.from + " " + .to' <<<"$json")" "tree database" "the two sides in JSON"
assert_eq "$(jq -r --arg id "$first" '.records[] | select(.id == $id) | .fields[] | select(.field == "title") | "\(.field) \(.before) \(.after)"' <<<"$json")" \
  "title First First, edited in td" "td's retitle in JSON"
assert_eq "$(jq -r '[.records[] | .change] | sort | join(",")' <<<"$json")" "added,added,modified,modified" \
  "changes in JSON"
assert_eq "$(jq -r '.counts.issues_created' <<<"$json")" "2" "issues the database has and the tree lacks"

assert_eq "$(sha256sum <"$repo/.todos/issues.db")" "$before_db" "database after diff"
assert_eq "$(snapshot "$repo/.todos/export")" "$before_tree" "tree after diff"
assert_eq "$(git -C "$repo" ls-files -s --debug | sha256sum)" "$before_index" "git's index after diff"

# The --markdown summary works for the database too.
"$GIT_TD" -C "$repo" diff --markdown >"$WORK/diff.md" 2>/dev/null || fail "diff --markdown"
grep -q "2 created" "$WORK/diff.md" || fail "markdown counts: $(cat "$WORK/diff.md")"

"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import"
"$GIT_TD" -C "$repo" export --full >/dev/null 2>&1 || fail "export after import"
assert_eq "$(records)" "" "diff after import and export"
echo ok
