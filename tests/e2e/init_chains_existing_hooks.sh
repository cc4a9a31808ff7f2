#!/usr/bin/env bash
# A hook the user already has keeps running: init moves it to
# <hook>.pre-git-td and git-td's shim runs it first, with git's arguments.
#  - a commit runs the user's pre-commit and git-td's export (both visible);
#  - a user's pre-commit that fails still stops the commit;
#  - the user's post-checkout gets git's three arguments, and when it fails
#    `git checkout` still fails (exit 1, as without git-td);
#  - uninstall puts the user's hooks back, byte for byte and executable.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db log=$WORK/hook.log
new_repo "$repo"
empty_td_db "$db"
add_issue "$db" td-000001 "First issue"
cat >"$repo/.git/hooks/pre-commit" <<HOOK
#!/bin/sh
echo "user pre-commit" >>"$log"
[ ! -e "$WORK/stop" ]
HOOK
cat >"$repo/.git/hooks/post-checkout" <<HOOK
#!/bin/sh
echo "user post-checkout \$*" >>"$log"
exit 3
HOOK
chmod +x "$repo/.git/hooks/pre-commit" "$repo/.git/hooks/post-checkout"
cp -p "$repo/.git/hooks/pre-commit" "$WORK/pre-commit.orig"
cp -p "$repo/.git/hooks/post-checkout" "$WORK/post-checkout.orig"

out=$("$GIT_TD" -C "$repo" --output json init 2>/dev/null) || fail "init failed"
assert_eq "$(jq -r '.hooks["pre-commit"] + " " + .hooks["post-checkout"] + " " + .hooks["post-merge"]' <<<"$out")" \
  "chained chained installed" "what init did with each hook"
cmp -s "$repo/.git/hooks/pre-commit.pre-git-td" "$WORK/pre-commit.orig" || fail "the user's pre-commit was not kept"

# Both pre-commit hooks run: the user's, then git-td's export.
git -C "$repo" add .gitignore
git -C "$repo" commit -q -m first 2>"$WORK/commit.err" || { cat "$WORK/commit.err" >&2; fail "commit failed"; }
assert_eq "$(cat "$log")" "user pre-commit" "user's hook ran once"
git -C "$repo" cat-file -e HEAD:.todos/export/issues/td-000001.yaml || fail "git-td's pre-commit did not export"

# The user's hook still decides: when it fails, there is no commit.
touch "$WORK/stop"
echo change >"$repo/file"
git -C "$repo" add file
if git -C "$repo" commit -q -m blocked 2>/dev/null; then fail "a failing user pre-commit did not stop the commit"; fi
assert_eq "$(git -C "$repo" rev-list --count HEAD)" 1 "commits after the blocked one"
rm "$WORK/stop"

# post-checkout: the user's hook sees git's arguments; its status is checkout's.
: >"$log"
set +e
git -C "$repo" checkout -q -b other 2>/dev/null
status=$?
set -e
assert_eq "$status" 1 "git checkout's exit status after the user's post-checkout failed"
head=$(git -C "$repo" rev-parse HEAD)
assert_eq "$(cat "$log")" "user post-checkout $head $head 1" "the user's post-checkout arguments"

# Uninstall restores them exactly.
"$GIT_TD" -C "$repo" init --uninstall >/dev/null 2>&1 || fail "uninstall failed"
for hook in pre-commit post-checkout; do
  cmp -s "$repo/.git/hooks/$hook" "$WORK/$hook.orig" || fail "$hook was not restored"
  [ -x "$repo/.git/hooks/$hook" ] || fail "$hook is no longer executable"
  [ ! -e "$repo/.git/hooks/$hook.pre-git-td" ] || fail "$hook.pre-git-td is still there"
done
for hook in post-merge post-rewrite; do [ ! -e "$repo/.git/hooks/$hook" ] || fail "$hook is still installed"; done
