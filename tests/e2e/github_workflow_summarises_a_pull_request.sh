#!/usr/bin/env bash
# examples/github/td-pr-summary.yml (issue 11): the workflow file is valid
# YAML with what the summary needs (pull_request trigger, full history,
# permission to comment), and its summary step, run as Actions would run it
# (bash, GITHUB_OUTPUT, RUNNER_TEMP, base_ref) in a clone checked out at a
# pull request's branch, writes the Markdown summary of the branch's task
# changes. The step that posts the comment talks to GitHub and is not run.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_python
git_td_on_path
workflow=$GITTD_SOURCE_DIR/examples/github/td-pr-summary.yml

python3 - "$workflow" "$WORK/summary-step.sh" <<'PY' || fail "the workflow file"
import sys, yaml
flow = yaml.safe_load(open(sys.argv[1]))
triggers = flow.get(True) or flow.get("on")  # YAML 1.1 reads the key `on` as true
assert "pull_request" in triggers, "no pull_request trigger"
assert flow["permissions"]["pull-requests"] == "write", "cannot comment"
steps = flow["jobs"]["summary"]["steps"]
assert steps[0]["with"]["fetch-depth"] == 0, "checkout without the history BASE...HEAD needs"
summary = [s for s in steps if s.get("id") == "summary"]
assert len(summary) == 1, "no step with id summary"
assert "steps.summary.outputs.file" in steps[-1]["env"]["SUMMARY"], "the comment step does not read the summary"
open(sys.argv[2], "w").write(summary[0]["run"])
PY

origin=$WORK/origin db=$WORK/origin/.todos/issues.db
td_repo "$origin"
add_issue "$db" td-000001 "Fix login redirect"
"$GIT_TD" -C "$origin" commit -m "base" >/dev/null 2>&1 || fail "base commit"
git -C "$origin" checkout -q -b feature
sqlite3 "$db" "update issues set status = 'closed', closed_at = '2026-04-02 10:00:00+00:00',
  updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000001'"
add_issue "$db" td-000002 "Follow-up"
"$GIT_TD" -C "$origin" commit -m "feature" >/dev/null 2>&1 || fail "feature commit"

# What actions/checkout leaves: a clone at the pull request's head, origin/* fetched.
runner=$WORK/runner && mkdir -p "$runner/temp"
git clone -q --branch feature "$origin" "$runner/checkout"
: >"$runner/output"
(cd "$runner/checkout" && BASE_REF=main RUNNER_TEMP=$runner/temp GITHUB_OUTPUT=$runner/output \
  bash -e "$WORK/summary-step.sh") >"$WORK/out" 2>&1 || fail "the summary step: $(cat "$WORK/out")"
summary=$(sed -n 's/^file=//p' "$runner/output")
assert_eq "$summary" "$runner/temp/td-summary.md" "the step's output"
grep -qx '1 created · 1 closed' "$summary" || fail "summary counts: $(cat "$summary")"
# shellcheck disable=SC2016  # the backticks are Markdown
grep -q '^| `td-000001` | Fix login redirect | closed |$' "$summary" || fail "summary table: $(cat "$summary")"
grep -qx '<!-- git-td summary -->' "$summary" || fail "the marker the comment step finds its comment by"
echo ok
