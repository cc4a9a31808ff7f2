#!/usr/bin/env bash
# `git td init --uninstall` removes exactly what init added, and nothing else:
# .git/config, .todos/export/.gitattributes and the hooks directory (names,
# modes, bytes) are as they were before init, byte for byte:
#  - a repository with a config of its own, a .gitattributes with lines of its
#    own, and hooks of its own (one not executable, which git ignores and
#    must go on ignoring) plus git's samples;
#  - a repository with none of these (the .gitattributes file goes away);
#  - after branch mode, and a second uninstall changes nothing.
# git-td.yaml, the records and .gitignore stay: they are the project's.
# Once git tracks .todos/export/.gitattributes (it was committed), it is
# everyone's: uninstall keeps it byte for byte, so the next 'git commit -a'
# turns the merge driver off for nobody, and says how to remove it for everyone.
source "$(dirname "$0")/lib/common.sh"
need_shared

# state REPO: .git/config, the export tree's .gitattributes and the hooks, with modes.
state() {
  (cd "$1" && for f in .git/config .todos/export/.gitattributes; do
    if [ -e "$f" ]; then echo "$f $(stat -c %a "$f") $(sha256sum <"$f")"; else echo "$f absent"; fi
  done && find .git/hooks -printf '%m %y %p\n' | LC_ALL=C sort &&
    find .git/hooks -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

round_trip() {  # REPO [init options...]: init, uninstall, compare; uninstall again, compare.
  local repo=$1
  shift
  local before
  before=$(state "$repo")
  "$GIT_TD" -C "$repo" init "$@" >/dev/null 2>&1 || fail "$repo: init $* failed"
  [ "$(state "$repo")" != "$before" ] || fail "$repo: init $* changed nothing"
  "$GIT_TD" -C "$repo" init --uninstall >/dev/null 2>&1 || fail "$repo: uninstall failed"
  assert_eq "$(state "$repo")" "$before" "$repo: state after init $* and uninstall"
  "$GIT_TD" -C "$repo" init --uninstall >/dev/null 2>&1 || fail "$repo: second uninstall failed"
  assert_eq "$(state "$repo")" "$before" "$repo: state after a second uninstall"
}

# A repository with things of its own.
repo=$WORK/own
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
git -C "$repo" config user.signingkey ABCDEF
git -C "$repo" config merge.ours.driver true
printf '[alias]\n\t# a comment git-td must keep\n\tst = status\n' >>"$repo/.git/config"
mkdir -p "$repo/.todos/export"
printf '# ours\n*.md linguist-documentation\n' >"$repo/.todos/export/.gitattributes"
printf '#!/bin/sh\nexit 0\n' >"$repo/.git/hooks/pre-commit"
chmod 755 "$repo/.git/hooks/pre-commit"
printf '#!/bin/sh\nexit 1\n' >"$repo/.git/hooks/post-merge"
chmod 644 "$repo/.git/hooks/post-merge"
ln -s ../../scripts/post-rewrite "$repo/.git/hooks/post-rewrite"  # dangling: still the user's
round_trip "$repo"
round_trip "$repo" --mode branch
[ -f "$repo/.todos/export/git-td.yaml" ] || fail "uninstall removed git-td.yaml"
grep -qx '!.todos/export/' "$repo/.gitignore" || fail "uninstall undid the .gitignore re-inclusion"

# A repository with nothing of its own: no hooks directory content, no .gitattributes.
repo=$WORK/bare-bones
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
rm -rf "$repo/.git/hooks"/*
round_trip "$repo"
[ ! -e "$repo/.todos/export/.gitattributes" ] || fail "uninstall left an empty .gitattributes"

# A clone whose setup is committed: the shared files stay, only this clone's part goes.
repo=$WORK/committed
td_repo "$repo"
attributes=$(sha256sum <"$repo/.todos/export/.gitattributes")
out=$("$GIT_TD" -C "$repo" init --uninstall 2>&1) || fail "uninstall in a committed clone: $out"
[ -f "$repo/.todos/export/.gitattributes" ] || fail "uninstall removed the committed .gitattributes"
assert_eq "$(sha256sum <"$repo/.todos/export/.gitattributes")" "$attributes" "the committed .gitattributes after uninstall"
assert_eq "$(git -C "$repo" status --porcelain)" "" "uninstall left a change for the next 'git commit -a'"
assert_eq "$(git -C "$repo" config --get-regexp '^(merge|diff)\.td-record\.' || true)" "" "the driver config after uninstall"
grep -q "kept .todos/export/.gitattributes" <<<"$out" || fail "uninstall does not say it kept .gitattributes: $out"
grep -q "git rm .todos/export/.gitattributes" <<<"$out" || fail "uninstall does not say how to remove it for everyone: $out"
json=$("$GIT_TD" -C "$repo" --output json init --uninstall 2>/dev/null) || fail "second uninstall (JSON)"
assert_eq "$(jq -c '[.attributes_shared, .attributes_changed]' <<<"$json")" '[true,false]' "uninstall's JSON report"
