#!/usr/bin/env bash
# The hooks find task changes from git, not from a stat of every file
# (DESIGN §3, tree_feed.hpp, decision 74):
#  - the post-checkout hook imports what the checkout brought; a record file
#    edited by hand and not committed is left for `git td import`, which
#    scans every file and does import it;
#  - the pre-commit hook stages the files git-td wrote or agreed (here: an
#    export run by hand before `git commit`, with nothing staged), never a
#    file somebody left in the export folder;
#  - the next commit carries the hand edit once td agreed it;
#  - `git merge --squash` leaves HEAD where it was: the hook looks at every
#    file and imports what the squash brought.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "First"
add_issue "$db" td-000002 "Second"
echo code >"$repo/code.txt"
git -C "$repo" add code.txt
git -C "$repo" commit -q -m "code and td" 2>/dev/null || fail "first commit failed"
git -C "$repo" branch other

# Another branch brings a change of td-000001.
git -C "$repo" checkout -q other 2>/dev/null
set_title "$db" td-000001 "First, retitled on other" "2026-04-02 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m "retitle" 2>/dev/null || fail "commit on other failed"
git -C "$repo" checkout -q main 2>/dev/null
assert_eq "$(title_of "$db" td-000001)" "First, retitled on other" "td keeps its newer title going back"

# A hand edit, then a checkout: the hook imports what the merge brought, not the hand edit.
sed -i 's/^title: Second$/title: Second, edited by hand/' "$repo/.todos/export/issues/td-000002.yaml"
set_title "$db" td-000001 "First, on main" "2026-04-03 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m "main's own title" 2>/dev/null || fail "commit on main failed"
git -C "$repo" merge -q --no-edit other 2>"$WORK/merge.err" || { cat "$WORK/merge.err" >&2; fail "merge failed"; }
assert_eq "$(title_of "$db" td-000002)" "Second" "the hook imported a hand edit nobody committed"
assert_eq "$(git -C "$repo" status --porcelain -- .todos/export)" " M .todos/export/issues/td-000002.yaml" \
  "the hand edit is the user's to stage"
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import failed"
assert_eq "$(title_of "$db" td-000002)" "Second, edited by hand" "git td import reads every file"

# An export by hand, a stray file, and a commit of other work: git-td stages its own files only.
add_issue "$db" td-000003 "Third"
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export failed"
echo "scratch" >"$repo/.todos/export/notes.txt"
echo more >>"$repo/code.txt"
git -C "$repo" add code.txt
git -C "$repo" commit -q -m "code" 2>/dev/null || fail "commit failed"
assert_eq "$(git -C "$repo" show --name-only --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  ".todos/export/issues/td-000002.yaml .todos/export/issues/td-000003.yaml code.txt " "files in the commit"
assert_eq "$(git -C "$repo" status --porcelain -- .todos/export)" "?? .todos/export/notes.txt" \
  "git status of the export folder after the commit"
# A squash merge.
git -C "$repo" checkout -q -b squashed 2>/dev/null
set_title "$db" td-000003 "Third, retitled on squashed" "2026-04-05 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m "retitle third" 2>/dev/null || fail "commit on squashed failed"
git -C "$repo" checkout -q main 2>/dev/null
set_title "$db" td-000003 "Third" "2026-04-01 09:00:00+00:00"
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export failed"
git -C "$repo" commit -q --allow-empty -m "third as it was" 2>/dev/null || fail "commit failed"
git -C "$repo" merge -q --squash squashed >/dev/null 2>&1 || fail "merge --squash failed"
assert_eq "$(title_of "$db" td-000003)" "Third, retitled on squashed" "what the squash merge brought"
echo ok
