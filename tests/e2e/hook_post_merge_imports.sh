#!/usr/bin/env bash
# With the hooks installed, `git pull`/`git merge` bring a teammate's td
# changes into the local td database (post-merge imports the merged tree):
#  - a fast-forward pull imports the other clone's retitled issue;
#  - a real merge (both sides committed td changes to different records)
#    imports the other side's edit and new issue and keeps the local edit.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

a=$WORK/alice b=$WORK/bob
td_repo "$a"
add_issue "$a/.todos/issues.db" td-000001 "Shared issue"
add_issue "$a/.todos/issues.db" td-000002 "Issue of Alice"
git -C "$a" commit -q --allow-empty -m "two issues" 2>/dev/null || fail "alice's first commit failed"
git -C "$a" cat-file -e HEAD:.todos/export/issues/td-000002.yaml || fail "alice's commit has no export"

# Bob clones, sets up his clone and his td database from the tree.
git clone -q "$a" "$b"
mkdir -p "$b/.todos"
empty_td_db "$b/.todos/issues.db"
"$GIT_TD" -C "$b" init >/dev/null 2>&1 || fail "bob's init failed"
"$GIT_TD" -C "$b" import >/dev/null 2>&1 || fail "bob's first import failed"
assert_eq "$(title_of "$b/.todos/issues.db" td-000001)" "Shared issue" "bob's database after his first import"

# Fast-forward.
set_title "$b/.todos/issues.db" td-000001 "Retitled by Bob" "2026-04-02 10:00:00+00:00"
git -C "$b" commit -q --allow-empty -m "bob retitles" 2>/dev/null || fail "bob's commit failed"
git -C "$a" pull -q "$b" main 2>"$WORK/pull.err" || { cat "$WORK/pull.err" >&2; fail "alice's pull failed"; }
assert_eq "$(title_of "$a/.todos/issues.db" td-000001)" "Retitled by Bob" "alice's database after a fast-forward pull"

# A real merge.
set_title "$a/.todos/issues.db" td-000002 "Alice edits her issue" "2026-04-03 10:00:00+00:00"
git -C "$a" commit -q --allow-empty -m "alice edits" 2>/dev/null || fail "alice's second commit failed"
git -C "$b" pull -q --no-rebase "$a" main 2>/dev/null || fail "bob's catch-up pull failed"
set_title "$b/.todos/issues.db" td-000001 "Bob again" "2026-04-04 10:00:00+00:00"
add_issue "$b/.todos/issues.db" td-000003 "New issue of Bob"
git -C "$b" commit -q --allow-empty -m "bob again" 2>/dev/null || fail "bob's second commit failed"
set_title "$a/.todos/issues.db" td-000002 "Alice once more" "2026-04-05 10:00:00+00:00"
git -C "$a" commit -q --allow-empty -m "alice once more" 2>/dev/null || fail "alice's third commit failed"
git -C "$a" pull -q --no-rebase --no-edit "$b" main 2>"$WORK/merge.err" || { cat "$WORK/merge.err" >&2; fail "merge failed"; }
assert_eq "$(git -C "$a" rev-list --count --merges HEAD)" 1 "merge commits"
assert_eq "$(title_of "$a/.todos/issues.db" td-000001)" "Bob again" "bob's edit in alice's database"
assert_eq "$(title_of "$a/.todos/issues.db" td-000003)" "New issue of Bob" "bob's new issue in alice's database"
assert_eq "$(title_of "$a/.todos/issues.db" td-000002)" "Alice once more" "alice's own edit"
