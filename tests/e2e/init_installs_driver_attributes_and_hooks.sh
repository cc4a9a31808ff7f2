#!/usr/bin/env bash
# `git td init` (inline, the default) sets a clone up completely:
#  - .git/config gets merge.td-record.name and .driver (the git-td-merge-driver
#    beside git-td when it is there, else the bare name) and git-td.mode, and
#    nothing else (no diff.td-record key, no include);
#  - .todos/export/.gitattributes sends exactly the record files in the kind
#    folders (YAML and JSON) to merge=td-record diff=td-record text eol=lf, and
#    neither git-td.yaml nor the .gitattributes itself;
#  - the four hooks from hooks/ are installed byte for byte and executable.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
before=$(git -C "$repo" config --local --list | LC_ALL=C sort)
out=$("$GIT_TD" -C "$repo" --output json init 2>"$WORK/init.err") || { cat "$WORK/init.err" >&2; fail "init failed"; }

# The per-clone config.
sibling=$(dirname "$(realpath "$GIT_TD")")/git-td-merge-driver
if [ -x "$sibling" ]; then program=$sibling; else program=git-td-merge-driver; fi
case $program in *[!A-Za-z0-9_./+,:@=-]*) fail "test assumes a plain build path, got $program" ;; esac
assert_eq "$(git -C "$repo" config --local merge.td-record.driver)" "$program %O %A %B %L %P" "merge driver command"
assert_eq "$(git -C "$repo" config --local merge.td-record.name)" "git-td: td records, merged field by field" \
  "merge driver name"
assert_eq "$(git -C "$repo" config --local git-td.mode)" inline "mode"
added=$(comm -13 <(echo "$before") <(git -C "$repo" config --local --list | LC_ALL=C sort) | cut -d= -f1 | tr '\n' ' ')
assert_eq "$added" "diff.td-record.xfuncname git-td.mode merge.td-record.driver merge.td-record.name " "keys init added to .git/config"
assert_eq "$(jq -r .driver_command <<<"$out")" "$program %O %A %B %L %P" "driver command in the JSON report"

# .gitattributes: the exact lines, and what git makes of them.
attributes=$repo/.todos/export/.gitattributes
assert_eq "$(cat "$attributes")" "# git-td: td record files merge field by field (git td init; see git-td's README)
*/*.yaml merge=td-record diff=td-record text eol=lf
*/*.json merge=td-record diff=td-record text eol=lf" ".gitattributes"
for record in issues/td-000001.yaml logs/lg-00000001.json work_session_issues/wsi_0123456789abcdef.yaml; do
  assert_eq "$(git -C "$repo" check-attr merge diff text eol -- ".todos/export/$record" | sed 's/^[^:]*: //' | tr '\n' ' ')" \
    "merge: td-record diff: td-record text: set eol: lf " "attributes of $record"
done
for other in git-td.yaml .gitattributes issues/sub/deeper.yaml README.md; do
  assert_eq "$(git -C "$repo" check-attr merge -- ".todos/export/$other" | sed 's/^[^:]*: //')" "merge: unspecified" \
    "merge attribute of $other"
done

# Hooks: the reviewed scripts, executable, in .git/hooks.
for hook in pre-commit post-merge post-checkout post-rewrite; do
  installed=$repo/.git/hooks/$hook
  [ -x "$installed" ] || fail "$hook is not installed executable"
  cmp -s "$installed" "$GITTD_SOURCE_DIR/hooks/$hook" || fail "$hook differs from hooks/$hook"
  [ ! -e "$installed.pre-git-td" ] || fail "$hook: nothing was there to chain"
done
assert_eq "$(jq -cS .hooks <<<"$out")" \
  '{"post-checkout":"installed","post-commit":"installed","post-merge":"installed","post-rewrite":"installed","pre-commit":"installed"}' \
  "hooks in the JSON report"
assert_eq "$(jq -r '[.mode, .hooks_dir] | join(" ")' <<<"$out")" "inline $(realpath "$repo")/.git/hooks" "mode and hooks dir"
