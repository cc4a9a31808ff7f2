#!/usr/bin/env bash
# With core.hooksPath set, init installs the hooks where git runs them:
#  - a relative path is taken from the top of the worktree (as git does);
#  - `~/` in a global core.hooksPath is the home directory;
# .git/hooks gets nothing, a commit runs the installed pre-commit (the export
# is in the commit), doctor checks that directory, and uninstall empties it.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

hooks="pre-commit post-merge post-checkout post-rewrite"
check_installed() {  # DIR REPO
  for hook in $hooks; do
    [ -x "$1/$hook" ] || fail "$hook is not installed in $1"
    [ ! -e "$2/.git/hooks/$hook" ] || fail "$hook was installed in .git/hooks although core.hooksPath is set"
  done
}

# Relative, set in the repository.
repo=$WORK/relative db=$WORK/relative/.todos/issues.db
new_repo "$repo"
empty_td_db "$db"
git -C "$repo" config core.hooksPath .githooks
mkdir -p "$repo/src"
out=$(cd "$repo/src" && "$GIT_TD" --output json init 2>/dev/null) || fail "init from a subdirectory failed"
assert_eq "$(jq -r .hooks_dir <<<"$out")" "$(realpath "$repo")/.githooks" "hooks dir for a relative core.hooksPath"
check_installed "$repo/.githooks" "$repo"
add_issue "$db" td-000001 "Exported by the hook in .githooks"
git -C "$repo" add .gitignore
git -C "$repo" commit -q -m first 2>/dev/null || fail "commit failed"
git -C "$repo" cat-file -e HEAD:.todos/export/issues/td-000001.yaml || fail "the pre-commit in .githooks did not run"
"$GIT_TD" -C "$repo" doctor >"$WORK/doctor.out" 2>&1 || true
grep -q "^ok *hook:pre-commit: $(realpath "$repo")/.githooks/pre-commit is installed" "$WORK/doctor.out" ||
  { cat "$WORK/doctor.out" >&2; fail "doctor did not find the hooks in .githooks"; }
"$GIT_TD" -C "$repo" init --uninstall >/dev/null 2>&1 || fail "uninstall failed"
assert_eq "$(ls -A "$repo/.githooks")" "" "hooks left in .githooks after uninstall"

# Global, with ~/.
# shellcheck disable=SC2088 # the tilde is for git to expand
git config --global core.hooksPath '~/shared-hooks'
repo=$WORK/global
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "init with a global core.hooksPath failed"
check_installed "$HOME/shared-hooks" "$repo"
