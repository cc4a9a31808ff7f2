#!/usr/bin/env bash
# A second `git td init` changes no byte: .git/config, the hooks directory
# (names, modes, contents), .gitattributes, .gitignore and git-td.yaml are as
# the first run left them, and the JSON report says nothing changed. That holds
# with a user's hook chained (it is not moved aside twice) and with a
# .gitattributes that has lines of its own, and for a branch-mode clone.
source "$(dirname "$0")/lib/common.sh"
need_shared

# state REPO: everything init writes, with file modes.
state() {
  (cd "$1" && find .git/config .git/hooks .gitignore .todos/export -type f -printf '%m %p\n' | LC_ALL=C sort &&
    find .git/config .git/hooks .gitignore .todos/export -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"
printf '#!/bin/sh\necho "user pre-commit" >&2\n' >"$repo/.git/hooks/pre-commit"
chmod +x "$repo/.git/hooks/pre-commit"
mkdir -p "$repo/.todos/export"
printf '*.md linguist-documentation\n' >"$repo/.todos/export/.gitattributes"

"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "first init failed"
first=$(state "$repo")
out=$("$GIT_TD" -C "$repo" --output json init 2>/dev/null) || fail "second init failed"
assert_eq "$(state "$repo")" "$first" "files after a second init"
assert_eq "$(jq -c '[.config_written, .gitignore_changed, .attributes_changed, ([.git_config[].changed] | any)]' \
  <<<"$out")" "[false,false,false,false]" "what the second init reports as changed"
assert_eq "$(jq -cS .hooks <<<"$out")" \
  '{"post-checkout":"unchanged","post-commit":"unchanged","post-merge":"unchanged","post-rewrite":"unchanged","pre-commit":"unchanged"}' \
  "hooks after a second init"
assert_eq "$(cat "$repo/.git/hooks/pre-commit.pre-git-td")" '#!/bin/sh
echo "user pre-commit" >&2' "the chained user hook"
assert_eq "$(grep -c 'merge=td-record' "$repo/.todos/export/.gitattributes")" 2 "git-td's lines, once"
assert_eq "$(head -n1 "$repo/.todos/export/.gitattributes")" "*.md linguist-documentation" "the user's line stays first"

# A third run, with the mode and format spelled out, still changes nothing.
"$GIT_TD" -C "$repo" init --mode inline --format yaml >/dev/null 2>&1 || fail "third init failed"
assert_eq "$(state "$repo")" "$first" "files after init --mode inline --format yaml"

# Branch mode is idempotent too, and a plain `git td init` keeps the clone's mode.
"$GIT_TD" -C "$repo" init --mode branch >/dev/null 2>&1 || fail "init --mode branch failed"
branch_state=$(state "$repo")
"$GIT_TD" -C "$repo" init --mode branch >/dev/null 2>&1 || fail "second init --mode branch failed"
assert_eq "$(state "$repo")" "$branch_state" "files after a second init --mode branch"
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "plain init in branch mode failed"
assert_eq "$(state "$repo")" "$branch_state" "files after a plain init in a branch-mode clone"
assert_eq "$(git -C "$repo" config git-td.mode)" branch "mode after a plain init"
