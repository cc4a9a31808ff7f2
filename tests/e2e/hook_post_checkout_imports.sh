#!/usr/bin/env bash
# With the hooks installed, the td database follows the branch checked out
# (post-checkout imports the branch's tree):
#  - switching branches brings each branch's version of an issue into td;
#  - checking out files (`git checkout BRANCH -- PATH`, $3 = 0) imports nothing;
#  - a branch from before git-td (no .todos/export/) is skipped, not imported
#    as "everything deleted", and coming back changes nothing.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
new_repo "$repo"
empty_td_db "$db"
echo code >"$repo/code.txt"
git -C "$repo" add code.txt && git -C "$repo" commit -q -m "before git-td"
git -C "$repo" branch before-git-td
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "init failed"
add_issue "$db" td-000001 "Title on main"
add_issue "$db" td-000002 "Another issue"
commit_all "$repo" "git-td and two issues" 2>/dev/null

git -C "$repo" checkout -q -b feature 2>/dev/null
set_title "$db" td-000001 "Title on feature" "2026-04-02 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m "feature retitles" 2>/dev/null || fail "feature commit failed"

git -C "$repo" checkout -q main 2>"$WORK/checkout.err" || { cat "$WORK/checkout.err" >&2; fail "checkout main failed"; }
assert_eq "$(title_of "$db" td-000001)" "Title on main" "title in td after checking out main"
git -C "$repo" checkout -q feature 2>/dev/null || fail "checkout feature failed"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td after checking out feature"

# Files, not a branch: nothing is imported.
git -C "$repo" checkout -q main -- .todos/export/issues/td-000001.yaml 2>/dev/null || fail "file checkout failed"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td after checking out a file"
git -C "$repo" checkout -q feature -- .todos/export/issues/td-000001.yaml

# A branch without the tree.
rows=$(sqlite3 "$db" "select count(*) from issues")
git -C "$repo" checkout -q before-git-td 2>"$WORK/old.err" || { cat "$WORK/old.err" >&2; fail "checkout of the old branch failed"; }
[ ! -e "$repo/.todos/export/git-td.yaml" ] || fail "the old branch has a tree after all"
assert_eq "$(sqlite3 "$db" "select count(*) from issues")" "$rows" "issues in td on a branch without the tree"
! grep -q "git-td: warning" "$WORK/old.err" || { cat "$WORK/old.err" >&2; fail "warnings on a branch without the tree"; }
git -C "$repo" checkout -q feature 2>/dev/null || fail "checkout back to feature failed"
assert_eq "$(sqlite3 "$db" "select count(*) from issues")" "$rows" "issues in td back on feature"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td back on feature"
