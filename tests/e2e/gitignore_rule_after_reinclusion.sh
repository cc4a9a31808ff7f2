#!/usr/bin/env bash
# A '.todos/' rule appended after git-td's '.todos/*' + '!.todos/export/'
# hides the tree again (git honours the last rule that matches). doctor names
# the rule as 'git check-ignore -v' does (file:line:pattern), not a global
# excludes file; init repairs the order, so that git sees the tree (check-ignore,
# status) and still ignores td's database. A rule in .git/info/exclude or in
# the global excludes file is named with its own file and line.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo
td_repo "$repo"
printf '.todos/\n' >>"$repo/.gitignore"
git -C "$repo" check-ignore -q --no-index .todos/export/git-td.yaml || fail "setup: the appended rule does not hide the tree"

json=$("$GIT_TD" -C "$repo" --output json doctor 2>/dev/null) && fail "doctor passed a hidden tree"
message=$(jq -r '.findings[] | select(.check == "gitignore") | .message' <<<"$json")
grep -qF ".gitignore:3:.todos/ hides .todos/export/" <<<"$message" || fail "doctor does not name the rule: $message"
grep -q "global" <<<"$message" && fail "doctor blames the global excludes file: $message"
assert_eq "$(jq -r '.findings[] | select(.check == "gitignore") | .fix' <<<"$json")" "cd $(realpath "$repo") && git td init" \
  "doctor's fix"

out=$("$GIT_TD" -C "$repo" --output json init 2>/dev/null) || fail "init"
assert_eq "$(jq -r .gitignore_changed <<<"$out")" true "init's report"
assert_eq "$(cat "$repo/.gitignore")" '.todos/*
!.todos/export/' ".gitignore after init"
! git -C "$repo" check-ignore -q --no-index .todos/export/git-td.yaml || fail "the tree is still ignored after init"
git -C "$repo" check-ignore -q .todos/issues.db || fail "td's database is no longer ignored"
mkdir -p "$repo/.todos/export/issues" && touch "$repo/.todos/export/issues/td-probe.yaml"
git -C "$repo" status --porcelain --untracked-files=all | grep -q '.todos/export/issues/td-probe.yaml' ||
  fail "git status does not see a new record file"
json=$("$GIT_TD" -C "$repo" --output json doctor 2>/dev/null) || true
assert_eq "$(jq -r '.findings[] | select(.check == "gitignore") | .ok' <<<"$json")" true "doctor's gitignore check after init"
before=$(snapshot "$repo")
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "second init"
assert_eq "$(snapshot "$repo")" "$before" "a second init"

# Rules outside .gitignore: named with their own file and line.
printf '# local\n.todos/\n' >>"$repo/.git/info/exclude"
json=$("$GIT_TD" -C "$repo" --output json doctor 2>/dev/null) && fail "doctor passed a tree hidden by info/exclude"
message=$(jq -r '.findings[] | select(.check == "gitignore") | .message' <<<"$json")
grep -qE '\.git/info/exclude:[0-9]+:\.todos/ hides' <<<"$message" || fail "doctor does not name info/exclude: $message"
jq -r '.findings[] | select(.check == "gitignore") | .fix' <<<"$json" | grep -q "info/exclude" ||
  fail "doctor's fix does not name info/exclude"
sed -i '/^\.todos\/$/d' "$repo/.git/info/exclude"

printf '.todos\n' >"$HOME/global-ignore"
git config --global core.excludesFile "$HOME/global-ignore"
json=$("$GIT_TD" -C "$repo" --output json doctor 2>/dev/null) && fail "doctor passed a tree hidden by the global file"
message=$(jq -r '.findings[] | select(.check == "gitignore") | .message' <<<"$json")
grep -qF "$HOME/global-ignore:1:.todos hides" <<<"$message" || fail "doctor does not name the global file: $message"
exit 0
