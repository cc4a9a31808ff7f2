#!/usr/bin/env bash
# `git td doctor` finds record files with git conflict markers: a clone
# without the merge driver (here: its config section removed) merges a record changed
# on both sides line by line, and git leaves markers in the file. Doctor exits
# 1 and names the file and the line of the first marker, with a fix that ends
# in 'git td import'; once the file is resolved, the finding is gone.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "Base title"
git -C "$repo" commit -q --allow-empty -m base 2>/dev/null
git -C "$repo" checkout -q -b other 2>/dev/null
set_title "$db" td-000001 "Their title" "2026-04-02 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m theirs 2>/dev/null
git -C "$repo" checkout -q main 2>/dev/null
set_title "$db" td-000001 "Our title" "2026-04-03 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m ours 2>/dev/null

git -C "$repo" config --remove-section merge.td-record
if git -C "$repo" merge -q other >/dev/null 2>&1; then fail "the line merge did not conflict"; fi
record=.todos/export/issues/td-000001.yaml
line=$(grep -n '^<<<<<<<' "$repo/$record" | head -n1 | cut -d: -f1)
[ -n "$line" ] || fail "git left no conflict markers"

if json=$(cd "$repo" && "$GIT_TD" --output json doctor 2>/dev/null); then fail "doctor passed a tree with markers"; fi
assert_eq "$(jq -r '.findings[] | select(.check == "conflict_markers") | .message' <<<"$json")" \
  "$record:$line: git conflict markers; import refuses the file until one version is kept" "the marker finding"
fix=$(jq -r '.findings[] | select(.check == "conflict_markers") | .fix' <<<"$json")
case $fix in *"$(realpath "$repo")/$record"*"git td import") ;; *) fail "the fix does not edit the file and import: $fix" ;; esac
(cd "$repo" && "$GIT_TD" doctor 2>&1 || true) | grep -q "^PROBLEM  conflict_markers: $record:$line: " ||
  fail "the text report does not name the file and line"

# Resolved (their version kept): no marker finding.
git -C "$repo" checkout -q --theirs -- "$record"
git -C "$repo" add "$record"
json=$(cd "$repo" && "$GIT_TD" --output json doctor 2>/dev/null) || true
assert_eq "$(jq -c '[.findings[] | select(.check == "conflict_markers") | .ok]' <<<"$json")" "[true]" \
  "conflict_markers after resolving"
