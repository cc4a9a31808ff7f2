#!/usr/bin/env bash
# `git td conflicts` (issue 11): a merge in which both sides retitled an
# issue and changed its points sets the losing values aside; then
#  - `list` shows both entries and `show` numbers an entry's values;
#  - `git td diff` of the merge counts the values set aside;
#  - `resolve --pick N` writes the picked title into td's database (an
#    action_log row, tdread accepts the database), removes the entry from
#    the record file, and the change is an ordinary edit: git status shows
#    the file modified and the next commit carries it;
#  - `resolve --ack` keeps the chosen value and only drops the entry;
#  - a pick out of range and an unknown entry fail, naming what to do, and
#    change nothing.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path
TDREAD=$SHARED/td/bin/tdread
[ -x "$TDREAD" ] || skip "../shared/td/bin has no tdread"

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "Original title"
"$GIT_TD" -C "$repo" commit -m "base" >/dev/null 2>&1 || fail "commit of the base"
clone=$WORK/clone
git clone -q "$repo" "$clone" && git -C "$clone" config user.name Teammate &&
  git -C "$clone" config user.email teammate@example.invalid
"$GIT_TD" -C "$clone" init >/dev/null 2>&1 || fail "git td init in the clone"

sqlite3 "$db" "update issues set title = 'Title here', points = 3, updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000001'"
"$GIT_TD" -C "$repo" commit -m "here" >/dev/null 2>&1 || fail "commit here"
sqlite3 "$clone/.todos/issues.db" "update issues set title = 'Title there', points = 5,
  updated_at = '2026-04-03 10:00:00+00:00' where id = 'td-000001'"
"$GIT_TD" -C "$clone" commit -m "there" >/dev/null 2>&1 || fail "commit there"
git -C "$repo" pull -q --no-rebase --no-edit "$clone" main >/dev/null 2>&1 || fail "pull"
assert_eq "$(sqlite3 "$db" "select title || ' ' || points from issues where id = 'td-000001'")" "Title there 5" \
  "the later side's values after the merge"

"$GIT_TD" -C "$repo" conflicts list >"$WORK/list" 2>&1 || fail "conflicts list: $(cat "$WORK/list")"
assert_eq "$(grep -c '^c-' "$WORK/list")" 2 "open entries after the merge"
title_entry=$(awk '$3 == "title" { print $1 }' "$WORK/list")
points_entry=$(awk '$3 == "points" { print $1 }' "$WORK/list")
if [ -z "$title_entry" ] || [ -z "$points_entry" ]; then fail "entries for title and points: $(cat "$WORK/list")"; fi
"$GIT_TD" -C "$repo" conflicts show "$title_entry" >"$WORK/show" || fail "conflicts show"
grep -qx '  1: Title here' "$WORK/show" || fail "show numbers the values: $(cat "$WORK/show")"
grep -qx '  2: Title there' "$WORK/show" || fail "show numbers the values: $(cat "$WORK/show")"
"$GIT_TD" -C "$repo" diff HEAD~1..HEAD | grep -q 'set aside' || fail "git td diff of the merge shows nothing set aside"

before_db=$(sha256sum <"$db") before_tree=$(snapshot "$repo/.todos/export")
status=0
"$GIT_TD" -C "$repo" conflicts resolve "$title_entry" --pick 7 2>"$WORK/err" || status=$?
assert_eq "$status" 2 "exit status of a pick out of range"
grep -q "conflicts show" "$WORK/err" || fail "the out-of-range error does not say where to look: $(cat "$WORK/err")"
"$GIT_TD" -C "$repo" conflicts resolve c-00000000 --ack 2>"$WORK/err" && fail "an unknown entry was resolved"
grep -q "conflicts list" "$WORK/err" || fail "the unknown-entry error does not say where to look: $(cat "$WORK/err")"
assert_eq "$(sha256sum <"$db")" "$before_db" "database after the refusals"
assert_eq "$(snapshot "$repo/.todos/export")" "$before_tree" "tree after the refusals"

"$GIT_TD" -C "$repo" conflicts resolve "$title_entry" --pick 1 >"$WORK/out" 2>&1 || fail "resolve --pick: $(cat "$WORK/out")"
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-000001'")" "Title here" "the picked title in td"
[ "$(sqlite3 "$db" "select count(*) from action_log where entity_id = 'td-000001' and session_id = 'git-td-conflicts'")" -ge 1 ] ||
  fail "no action_log row for the resolution"
"$TDREAD" "$db" >/dev/null || fail "tdread refuses the database after the resolution"
file=$repo/.todos/export/issues/td-000001.yaml
grep -q "^title: Title here$" "$file" || fail "the record file lacks the picked title"
grep -q "$title_entry" "$file" && fail "the settled entry is still in the record file"
grep -q "$points_entry" "$file" || fail "the other entry left the record file"
assert_eq "$(git -C "$repo" status --porcelain -- .todos/export)" " M .todos/export/issues/td-000001.yaml" \
  "git status after the resolution"

"$GIT_TD" -C "$repo" conflicts resolve "$points_entry" --ack >/dev/null 2>&1 || fail "resolve --ack"
assert_eq "$(sqlite3 "$db" "select points from issues where id = 'td-000001'")" 5 "points after --ack"
grep -q "^conflicts:" "$file" && fail "the record file keeps an empty conflicts list"
assert_eq "$("$GIT_TD" -C "$repo" conflicts list | tail -1)" "0 open entries" "entries after both resolutions"
"$GIT_TD" -C "$repo" commit -m "settled" >/dev/null 2>&1 || fail "commit of the resolutions"
assert_eq "$(git -C "$repo" status --porcelain -- .todos/export)" "" "git status after the commit"
"$GIT_TD" -C "$repo" diff HEAD~1..HEAD >"$WORK/diff" || fail "diff of the resolution commit"
grep -qx '  title: Title there -> Title here' "$WORK/diff" || fail "the resolution is not an ordinary edit: $(cat "$WORK/diff")"
echo ok
