#!/usr/bin/env bash
# `git td init` in a linked worktree (`git worktree add`) writes the per-clone
# parts where every worktree shares them: the driver and mode into the common
# .git/config, the hooks into the common .git/hooks (git runs them from there
# for every worktree); the tree's files into the linked worktree itself. A
# commit in the linked worktree then exports the main worktree's database (td
# keeps one per repository) into the linked worktree's tree.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

main=$WORK/main wt=$WORK/feature db=$WORK/main/.todos/issues.db
new_repo "$main"
empty_td_db "$db"
git -C "$main" add .gitignore && git -C "$main" commit -q -m start
git -C "$main" worktree add -q -b feature "$wt" || fail "git worktree add failed"
wt_git_dir=$(git -C "$wt" rev-parse --absolute-git-dir)

out=$("$GIT_TD" -C "$wt" --output json init 2>/dev/null) || fail "init in the linked worktree failed"
assert_eq "$(jq -r .hooks_dir <<<"$out")" "$(realpath "$main")/.git/hooks" "hooks dir"
for hook in pre-commit post-merge post-checkout post-rewrite; do
  [ -x "$main/.git/hooks/$hook" ] || fail "$hook is not in the common hooks dir"
  [ ! -e "$wt_git_dir/hooks/$hook" ] || fail "$hook went into the worktree's own git dir"
done
assert_eq "$(git config -f "$main/.git/config" git-td.mode)" inline "mode in the common config"
git config -f "$main/.git/config" merge.td-record.driver >/dev/null || fail "no driver in the common config"
[ ! -e "$wt_git_dir/config" ] || ! grep -q td-record "$wt_git_dir/config" || fail "config went to the worktree's git dir"
[ -f "$wt/.todos/export/.gitattributes" ] || fail "no .gitattributes in the linked worktree's tree"
[ -f "$wt/.todos/export/git-td.yaml" ] || fail "no git-td.yaml in the linked worktree's tree"
[ ! -e "$main/.todos/export" ] || fail "init wrote into the main worktree's tree"

# A commit in the linked worktree carries the shared database's change.
add_issue "$db" td-000001 "Made in td, committed from the linked worktree"
git -C "$wt" add .gitignore
git -C "$wt" commit -q -m "td in the feature worktree" 2>/dev/null || fail "commit in the linked worktree failed"
git -C "$wt" cat-file -e HEAD:.todos/export/issues/td-000001.yaml || fail "the commit does not carry the export"
[ ! -e "$main/.todos/export/issues" ] || fail "the export went to the main worktree"

# Doctor in the linked worktree checks the common hooks.
"$GIT_TD" -C "$wt" doctor >"$WORK/doctor.out" 2>&1 || true
grep -q "^ok *hook:post-merge: $(realpath "$main")/.git/hooks/post-merge is installed" "$WORK/doctor.out" ||
  { cat "$WORK/doctor.out" >&2; fail "doctor in the linked worktree did not find the common hooks"; }
