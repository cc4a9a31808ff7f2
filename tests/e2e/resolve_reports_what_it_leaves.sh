#!/usr/bin/env bash
# What `git td resolve` cannot resolve it leaves as it is, names, and exits 1
# for: a record one side broke (unparsable YAML) stays conflicted with git's
# markers, byte for byte; a conflicted git-td.yaml (not a record) is left to
# the user; conflict markers committed into a record file (by a clone or host
# without the driver; no index conflict) are reported with file:line. A
# record in the same merge that can be merged still is.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python

repo=$WORK/repo tree=$WORK/repo/.todos/export
plain_repo "$repo"
issue_db "$repo/.todos/issues.db" td-a00001 td-a00002 td-a00003
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
# A host's line merge once committed markers into td-a00003.
replace_text "$tree/issues/td-a00003.yaml" "title: Issue td-a00003" \
  "<<<<<<< ours
title: Ours
=======
title: Theirs
>>>>>>> theirs"
marker_line=$(grep -n '^<<<<<<<' "$tree/issues/td-a00003.yaml" | cut -d: -f1)
commit_in "$repo" "first export"
git -C "$repo" branch theirs

replace_text "$tree/issues/td-a00001.yaml" "title: Issue td-a00001" "title: [unclosed"
set_field "$tree/issues/td-a00002.yaml" title "Ours"
set_field "$tree/issues/td-a00002.yaml" updated_at '"2026-04-02T10:00:00Z"'
printf '# ours\n' >>"$tree/git-td.yaml"
commit_in "$repo" "ours"
git -C "$repo" checkout -q theirs
set_field "$tree/issues/td-a00001.yaml" title "Theirs"
set_field "$tree/issues/td-a00002.yaml" title "Theirs"
set_field "$tree/issues/td-a00002.yaml" updated_at '"2026-04-02T11:00:00Z"'
printf '# theirs\n' >>"$tree/git-td.yaml"
commit_in "$repo" "theirs"
git -C "$repo" checkout -q main

if git -C "$repo" merge --no-edit theirs >/dev/null 2>&1; then fail "the merge did not conflict"; fi
assert_eq "$(unmerged "$repo" | LC_ALL=C sort)" ".todos/export/git-td.yaml
.todos/export/issues/td-a00001.yaml
.todos/export/issues/td-a00002.yaml" "the conflicts"
before=$(sha256sum <"$tree/issues/td-a00001.yaml")

status=0
out=$("$GIT_TD" -C "$repo" resolve 2>&1) || status=$?
assert_eq "$status" 1 "resolve's exit status with something left"
grep -q "^LEFT   left  .todos/export/issues/td-a00001.yaml: .*td-a00001.yaml (ours):" <<<"$out" ||
  fail "the unparsable record is not named with its side: $out"
grep -q "^LEFT   left  .todos/export/git-td.yaml: not a record file" <<<"$out" || fail "git-td.yaml is not reported: $out"
grep -q "^LEFT   left  .todos/export/issues/td-a00003.yaml:$marker_line: git conflict markers committed" <<<"$out" ||
  fail "the committed markers are not reported at line $marker_line: $out"
grep -q "^done   merged  .todos/export/issues/td-a00002.yaml" <<<"$out" || fail "td-a00002 is not merged: $out"
grep -q "^3 left for you" <<<"$out" || fail "no summary of what is left: $out"

assert_eq "$(unmerged "$repo" | LC_ALL=C sort)" ".todos/export/git-td.yaml
.todos/export/issues/td-a00001.yaml" "left conflicted"
assert_eq "$(sha256sum <"$tree/issues/td-a00001.yaml")" "$before" "the unparsable record is untouched"
assert_eq "$(field "$tree/issues/td-a00002.yaml" title)" '"Theirs"' "td-a00002 merged"

json=$("$GIT_TD" -C "$repo" resolve --output json) && fail "resolve --output json exited 0"
assert_eq "$(jq -r '.steps[] | select(.line) | "\(.path):\(.line)"' <<<"$json")" \
  ".todos/export/issues/td-a00003.yaml:$marker_line" "the JSON report's file and line"
assert_eq "$(jq -r '.ok' <<<"$json")" false "the JSON report's ok"
echo "PASS"
