#!/usr/bin/env bash
# `git td doctor` on a fresh clone of a project that uses git-td, where this
# clone never ran `git td init` and td has no database yet: exit 1, and the
# report lists exactly what the clone lacks (its git-td mode, the merge
# driver, the four hooks, git-td on PATH, the database), each with the command
# that fixes it ('git td init' for the database too: td init refuses where
# .todos/ exists), while what came with the clone (git-td.yaml, .gitignore,
# .gitattributes) checks out. Text and --output json say the same. In a
# repository that never heard of git-td, the shared parts are reported too.
source "$(dirname "$0")/lib/common.sh"
need_shared

origin=$WORK/origin clone=$WORK/clone
td_repo "$origin"
git clone -q "$origin" "$clone"

set +e
json=$("$GIT_TD" -C "$clone" --output json doctor 2>"$WORK/doctor.err")
status=$?
text=$(cd "$clone" && "$GIT_TD" doctor 2>&1)
text_status=$?
set -e
assert_eq "$status" 1 "doctor's exit status (json)"
assert_eq "$text_status" 1 "doctor's exit status (text)"
assert_eq "$(jq -r '[.findings[] | select(.ok | not) | .check] | join(" ")' <<<"$json")" \
  "setup merge_driver diff_header hook:pre-commit hook:post-commit hook:post-merge hook:post-checkout hook:post-rewrite git_td_on_path database" \
  "the problems"
assert_eq "$(jq -r '[.findings[] | select(.ok) | .check] | join(" ")' <<<"$json")" \
  "links tree_config gitignore attributes conflict_markers" "what is fine"
assert_eq "$(jq '[.findings[] | select(.ok | not) | select(.fix == "")] | length' <<<"$json")" 0 "problems without a fix"
assert_eq "$(jq -r '.findings[] | select(.check == "setup") | .fix' <<<"$json")" "cd $(realpath "$clone") && git td init" \
  "the fix for setup, with -C"
assert_eq "$(jq -r '.findings[] | select(.check == "database") | .fix' <<<"$json")" "cd $(realpath "$clone") && git td init" \
  "the fix for the database, with -C (td init refuses where .todos/ exists)"
assert_eq "$(jq -r '.findings[] | select(.check == "git_td_on_path") | .fix' <<<"$json")" \
  "export PATH=$(dirname "$(realpath "$GIT_TD")"):\"\$PATH\"" "the fix for PATH"
# Text: one line per finding, each problem followed by its fix (from the worktree: no cd).
assert_eq "$(grep -c '^PROBLEM ' <<<"$text")" 10 "problem lines in the text report"
assert_eq "$(grep -c '^ok ' <<<"$text")" 5 "ok lines in the text report"
assert_eq "$(grep -c '^ *fix: git td init$' <<<"$text")" 9 "'git td init' fixes in the text report"
grep -q '^ *fix: td init$' <<<"$text" && fail "a fix says 'td init', which does nothing where .todos/ exists"
grep -q '^10 problems; run the fixes above$' <<<"$text" || fail "no summary line"

# A repository that never heard of git-td (td's own .gitignore rule only).
plain=$WORK/plain
new_repo "$plain"
empty_td_db "$plain/.todos/issues.db"
json=$("$GIT_TD" -C "$plain" --output json doctor 2>/dev/null) && fail "doctor passed a repository without git-td"
assert_eq "$(jq -r '[.findings[] | select(.ok | not) | .check] | join(" ")' <<<"$json")" \
  "setup tree_config gitignore attributes merge_driver diff_header hook:pre-commit hook:post-commit hook:post-merge hook:post-checkout hook:post-rewrite git_td_on_path" \
  "the problems of a repository without git-td"
jq -r '.findings[] | select(.check == "gitignore") | .message' <<<"$json" | grep -q "hides .todos/export/" ||
  fail "the gitignore finding does not say the rule hides the tree"
