#!/usr/bin/env bash
# Merge-driver benchmark (DESIGN.md section 7: within 2x of `git merge-file`
# on the same three files, process start included).
#
#   bench/merge_driver.sh [CALLS]     default: 300 calls per round
#
# Environment: ROUNDS (5): rounds of CALLS calls each, alternating the
# programs; the median round is reported. BENCH_OUT (bench/out): where the
# three files are written. DRIVER: time this binary instead of building one.
#
# Builds a Release tree in build-bench-driver/ (leaving build/ and bench/run.sh's
# build-bench/ alone). The files are a realistic issue whose description both
# sides edited (different lines, so the driver's text rule runs git_merge_file)
# and whose status, priority and updated_at each side changed. Every call
# starts from a fresh copy of ours (git merge-file and the driver both write
# the result into it), written by a shell builtin so no extra process is timed.
# `/bin/true` is timed the same way: the cost of starting any process here.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$root/build-bench-driver
out=${BENCH_OUT:-$here/out}/merge-driver
calls=${1:-300}
rounds=${ROUNDS:-5}

driver=${DRIVER:-}
if [ -z "$driver" ]; then
  echo "building Release tree in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGITTD_TESTS=OFF -DGITTD_WERROR=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" --target git-td-merge-driver >/dev/null
  driver=$build/bin/git-td-merge-driver
fi

mkdir -p "$out"
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
steps = [
    "Reproduce with a fresh browser profile and a cleared cookie jar.",
    "Log in from /settings/billing and note where the redirect lands.",
    "Check the `return_to` parameter survives the OAuth round trip.",
    "Look at the session middleware: it rewrites the URL on refresh.",
    "Add a regression test for deep links with query strings.",
    "Confirm the fix on staging with SSO and with password login.",
    "Update the runbook section on login redirects.",
    "Ask support to close the three linked tickets once deployed.",
]
def issue(title, status, priority, updated, lines):
    description = "".join(f"  {l}\n" if l else "\n" for l in lines)
    return f"""id: td-3f9a01
title: {title}
description: |
{description}status: {status}
type: bug
priority: {priority}
points: 3
labels:
  - auth
  - web
parent_id: td-77c2e4
acceptance: |
  Users return to the page they came from after any login method.
implementer_session: ses_9f8e7d
reviewer_session: ""
created_at: "2026-03-27T01:31:04.633958Z"
updated_at: "{updated}"
closed_at: null
deleted_at: null
minor: false
created_branch: main
creator_session: ses_9f8e7d
sprint: "2026-W14"
defer_until: null
due_date: "2026-04-15"
defer_count: 0
reviewed_at: null
review_requested_by_session: ""
closed_by_session: ""
"""
head = ["Users land on /home after login instead of the page they came from.", "",
        "Seen on Chrome and Firefox, desktop and mobile, since the 3.4 release.", "", "Plan:"]
base = head + [f"{n}. {s}" for n, s in enumerate(steps, 1)]
ours = list(base); ours[0] = "Users land on /home after logging in, not on the page they came from."
theirs = list(base); theirs[-2] = "6. Confirm the fix on staging with SSO, magic links and password login."
open(f"{out}/base.yaml", "w").write(issue("Login redirect drops the return URL", "open", "P2", "2026-03-28T09:02:11Z", base))
open(f"{out}/ours.yaml", "w").write(issue("Login redirect drops the return URL", "in_progress", "P2", "2026-03-29T10:00:00Z", ours))
open(f"{out}/theirs.yaml", "w").write(issue("Login redirect drops the return URL", "open", "P1", "2026-03-29T11:00:00Z", theirs))
PY
base=$out/base.yaml ours=$out/ours.yaml theirs=$out/theirs.yaml work=$out/work.yaml
path=.todos/export/issues/td-3f9a01.yaml
ours_text=$(cat "$ours"; printf x) && ours_text=${ours_text%x}

# The driver must really merge: cleanly, with both description edits.
printf '%s' "$ours_text" >"$work"
"$driver" "$base" "$work" "$theirs" 7 "$path" || { echo "the driver did not merge cleanly" >&2; exit 1; }
# Every grep must match; the fallback runs when any of them does not.
# shellcheck disable=SC2015
grep -q "after logging in" "$work" && grep -q "magic links" "$work" && grep -q "^status: in_progress" "$work" &&
  grep -q "^priority: P1" "$work" || { echo "the driver's result lacks an edit" >&2; cat "$work" >&2; exit 1; }

# per_call_us CMD...: microseconds per call over $calls calls.
per_call_us() {
  local i start end
  start=${EPOCHREALTIME/./}
  for ((i = 0; i < calls; i++)); do
    printf '%s' "$ours_text" >"$work"
    "$@" >/dev/null 2>&1 || true
  done
  end=${EPOCHREALTIME/./}
  echo $(((end - start) / calls))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

t_true=() t_git=() t_driver=()
for ((r = 0; r < rounds; r++)); do
  t_true+=("$(per_call_us /bin/true)")
  t_git+=("$(per_call_us git merge-file "$work" "$base" "$theirs")")
  t_driver+=("$(per_call_us "$driver" "$base" "$work" "$theirs" 7 "$path")")
done
m_true=$(printf '%s\n' "${t_true[@]}" | median)
m_git=$(printf '%s\n' "${t_git[@]}" | median)
m_driver=$(printf '%s\n' "${t_driver[@]}" | median)
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

echo "| program ($rounds rounds of $calls calls, median round) | ms per call |"
echo "|---|---|"
echo "| /bin/true (process start) | $(ms "$m_true") |"
echo "| git merge-file | $(ms "$m_git") |"
echo "| git-td-merge-driver | $(ms "$m_driver") |"
awk -v d="$m_driver" -v g="$m_git" 'BEGIN { printf "\ndriver / git merge-file = %.2fx (target: at most 2x)\n", d / g }'
