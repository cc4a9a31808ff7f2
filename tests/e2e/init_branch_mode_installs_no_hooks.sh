#!/usr/bin/env bash
# `git td init --mode branch` sets the clone up like inline mode (tree
# settings, .gitignore, .gitattributes, merge driver) but installs no hook: in
# branch mode the tree lives on its own branch, so nothing may export into the
# code branches on commit. The mode is remembered (git-td.mode), a plain init
# keeps it, and switching a clone from inline to branch takes its hooks out
# again, putting back a hook of the user's that inline mode had chained.
source "$(dirname "$0")/lib/common.sh"
need_shared

hooks="pre-commit post-commit post-merge post-checkout post-rewrite"
repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
out=$("$GIT_TD" -C "$repo" --output json init --mode branch 2>/dev/null) || fail "init --mode branch failed"
assert_eq "$(jq -r .mode <<<"$out")" branch "reported mode"
assert_eq "$(git -C "$repo" config --local git-td.mode)" branch "configured mode"
git -C "$repo" config --local merge.td-record.driver >/dev/null || fail "branch mode has no merge driver"
[ -f "$repo/.todos/export/.gitattributes" ] || fail "branch mode has no .gitattributes"
for hook in $hooks; do [ ! -e "$repo/.git/hooks/$hook" ] || fail "branch mode installed $hook"; done
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "plain init failed"
assert_eq "$(git -C "$repo" config --local git-td.mode)" branch "mode after a plain init"
for hook in $hooks; do [ ! -e "$repo/.git/hooks/$hook" ] || fail "a plain init in branch mode installed $hook"; done

# Inline, with a user's pre-commit chained; then back to branch.
printf '#!/bin/sh\necho mine\n' >"$repo/.git/hooks/pre-commit"
chmod +x "$repo/.git/hooks/pre-commit"
cp -p "$repo/.git/hooks/pre-commit" "$WORK/pre-commit.orig"
"$GIT_TD" -C "$repo" init --mode inline >/dev/null 2>&1 || fail "init --mode inline failed"
for hook in $hooks; do [ -x "$repo/.git/hooks/$hook" ] || fail "inline mode did not install $hook"; done
out=$("$GIT_TD" -C "$repo" --output json init --mode branch 2>/dev/null) || fail "back to branch mode failed"
assert_eq "$(jq -cS .hooks <<<"$out")" \
  '{"post-checkout":"removed","post-commit":"removed","post-merge":"removed","post-rewrite":"removed","pre-commit":"restored"}' \
  "what switching to branch mode did to the hooks"
cmp -s "$repo/.git/hooks/pre-commit" "$WORK/pre-commit.orig" || fail "the user's pre-commit was not restored"
for hook in post-commit post-merge post-checkout post-rewrite; do
  [ ! -e "$repo/.git/hooks/$hook" ] || fail "$hook is still installed in branch mode"
done

# A hook run by hand in a branch-mode clone does nothing.
git_td_on_path
add_issue "$repo/.todos/issues.db" td-000001 "Not exported by a hook in branch mode"
"$GIT_TD" -C "$repo" hook pre-commit 2>"$WORK/hook.err" || fail "hook pre-commit failed"
[ ! -e "$repo/.todos/export/issues" ] || fail "a hook exported in branch mode"
