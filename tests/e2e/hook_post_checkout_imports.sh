#!/usr/bin/env bash
# With the hooks installed, post-checkout imports what a branch brings, and
# time runs forward for td (DESIGN §3):
#  - checking out an older commit changes nothing in td, and the next export
#    writes the current state over the old files;
#  - a branch made elsewhere brings exactly its own changes, and switching
#    away again takes nothing back;
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
grep -q "Title on feature" "$repo/.todos/export/issues/td-000001.yaml" || fail "the feature commit does not carry the title"

# Back to main, which is behind feature: a step back in history, never an edit.
git -C "$repo" checkout -q main 2>"$WORK/checkout.err" || { cat "$WORK/checkout.err" >&2; fail "checkout main failed"; }
grep -q "Title on main" "$repo/.todos/export/issues/td-000001.yaml" || fail "git did not check out main's file"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td after stepping back to main"
# ...and a commit on main carries the whole current task state.
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export on main failed"
grep -q "Title on feature" "$repo/.todos/export/issues/td-000001.yaml" || fail "export on main left the old title"
git -C "$repo" checkout -q .todos/export

# A branch made elsewhere (no hook of this clone ran for it) changes another
# issue: checking it out brings exactly that change, and nothing of main's
# older title.
tmp_index=$WORK/other.index
GIT_INDEX_FILE=$tmp_index git -C "$repo" read-tree main
edited=$(sed 's/^title: .*/title: Edited elsewhere/' "$repo/.todos/export/issues/td-000002.yaml" |
    sed 's/^updated_at: .*/updated_at: "2026-05-01T00:00:00Z"/' | git -C "$repo" hash-object -w --stdin)
GIT_INDEX_FILE=$tmp_index git -C "$repo" update-index --cacheinfo "100644,$edited,.todos/export/issues/td-000002.yaml"
other=$(git -C "$repo" commit-tree -p main -m "edited elsewhere" "$(GIT_INDEX_FILE=$tmp_index git -C "$repo" write-tree)")
git -C "$repo" branch other "$other"
git -C "$repo" checkout -q other 2>/dev/null || fail "checkout other failed"
assert_eq "$(title_of "$db" td-000002)" "Edited elsewhere" "the change that arrived with the other branch"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td on the other branch"
git -C "$repo" checkout -q feature 2>/dev/null || fail "checkout feature failed"
assert_eq "$(title_of "$db" td-000001)" "Title on feature" "title in td back on feature"
assert_eq "$(title_of "$db" td-000002)" "Edited elsewhere" "switching away never takes the change back"

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
