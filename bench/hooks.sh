#!/usr/bin/env bash
# What git-td's hooks add to everyday git commands (DESIGN §7: a commit or a
# checkout that changes no task adds < 0.1 s at 30k issues). See bench/README.md.
#
#   bench/hooks.sh [SIZES...]        default: 10000 30000 issues
#
# Environment: REPS (5), BENCH_OUT (bench/out), GITTD_SHARED_DIR (../shared).
#
# Each command is timed with the hooks installed by `git td init` and, in the
# same run, alternating with it, with hooks that do nothing (`exit 0`: what
# git itself spends on running any hook, e.g. re-reading the index after
# pre-commit) and with no hooks at all (`-c core.hooksPath=/dev/null`): the
# floors. Prints a markdown table and keeps
# it, with every command's output (hooks.log), in the working directory.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
reps=${REPS:-5}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 30000); fi
mkdir -p "$out"
log=$out/hooks.log
table=$out/hooks.md
: >"$log"

build_release git-td git-td-merge-driver gen_tddb

# seconds COMMAND...: wall-clock seconds of one run (output to the log).
# git's trace2 of the run goes to $out/trace2, for hook_seconds.
seconds() {
    local start end
    rm -f "$out/trace2"
    start=$(date +%s.%N)
    GIT_TRACE2_PERF=$out/trace2 "$@" >>"$log" 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

# hook_seconds: the seconds the last run spent inside hook processes, as git
# timed them (trace2 child_exit of each child_start of class hook). Unlike
# the wall clock of a whole commit at 240k index entries, this moves little
# with the machine's noise.
hook_seconds() {
    [ -f "$out/trace2" ] || { echo 0; return; }
    awk -F'|' '/child_start/ && /class:hook/ { match($NF, /\[ch[0-9]+\]/); hooks[substr($NF, RSTART, RLENGTH)] = 1 }
        /child_exit/ { match($NF, /\[ch[0-9]+\]/); if (substr($NF, RSTART, RLENGTH) in hooks) total += $7 }
        END { printf "%.4f\n", total }' "$out/trace2"
}

# One step of each kind; $1 is the hooks folder (/dev/null: no hooks).
commit_code() { echo "line $RANDOM" >>"$repo/code.txt" && git -C "$repo" -c "core.hooksPath=$1" commit -q -a -m "code only"; }
checkout_pair() {
    git -C "$repo" -c "core.hooksPath=$1" checkout -q side && git -C "$repo" -c "core.hooksPath=$1" checkout -q main
}
commit_one_task() {
    sqlite3 "$repo/.todos/issues.db" "update issues set title = 'Bench edit $RANDOM',
      updated_at = strftime('%Y-%m-%d %H:%M:%f+00:00', 'now') where id = (select id from issues order by id limit 1)"
    echo "line $RANDOM" >>"$repo/code.txt"
    git -C "$repo" -c "core.hooksPath=$1" commit -q -a -m "one task"
}

# Hooks that do nothing, for git's own share of running hooks.
empty_hooks=$out/empty-hooks
mkdir -p "$empty_hooks"
for hook in pre-commit post-commit post-checkout post-merge post-rewrite; do
    printf '#!/bin/sh\nexit 0\n' >"$empty_hooks/$hook" && chmod +x "$empty_hooks/$hook"
done

echo "| issues | git command | with git-td's hooks | with empty hooks | without hooks | added by git-td | added by git-td and git's hook runs | inside git-td's hooks (trace2, median; range) | inside empty hooks (trace2) |" >"$table"
echo "|---|---|---|---|---|---|---|---|---|" >>"$table"
for size in "${sizes[@]}"; do
    repo=$out/hooks-$size
    generated_repo "$repo" "$size"
    git-td -C "$repo" init >>"$log" 2>&1
    git -C "$repo" add -A && git -C "$repo" commit -q -m "setup and the whole export" >>"$log" 2>&1
    git -C "$repo" branch side
    git -C "$repo" -c core.hooksPath=/dev/null checkout -q side
    echo "side" >"$repo/side.txt" && git -C "$repo" add side.txt && git -C "$repo" -c core.hooksPath=/dev/null commit -q -m side
    git -C "$repo" -c core.hooksPath=/dev/null checkout -q main
    git-td -C "$repo" import >>"$log" 2>&1  # the database agrees with main
    for step in commit_code checkout_pair commit_one_task; do
        echo "size $size: $step" >&2
        : >"$out/with" && : >"$out/empty" && : >"$out/without" && : >"$out/with-hook-seconds" && : >"$out/empty-hook-seconds"
        for _ in $(seq "$reps"); do
            seconds "$step" "$repo/.git/hooks" >>"$out/with"
            hook_seconds >>"$out/with-hook-seconds"
            seconds "$step" "$empty_hooks" >>"$out/empty"
            hook_seconds >>"$out/empty-hook-seconds"
            seconds "$step" /dev/null >>"$out/without"
        done
        with=$(median <"$out/with") empty=$(median <"$out/empty") without=$(median <"$out/without")
        with_hooks=$(median <"$out/with-hook-seconds") empty_hooks_run=$(median <"$out/empty-hook-seconds")
        hooks_range=$(sort -g "$out/with-hook-seconds" | sed -n '1p;$p' | paste -sd- | xargs printf '%s')
        case $step in
            commit_code) what="commit of a code change (no task changed)" ;;
            checkout_pair) what="checkout of a branch and back (no task changed)" ;;
            commit_one_task) what="commit with one issue changed in td" ;;
        esac
        printf '| %s | %s | %s s | %s s | %s s | %s s | %s s | %s s; %s s | %s s |\n' "$size" "$what" "$with" "$empty" \
            "$without" "$(echo "$with - $empty" | bc -l | xargs printf '%.3f')" \
            "$(echo "$with - $without" | bc -l | xargs printf '%.3f')" "$with_hooks" "$hooks_range" \
            "$empty_hooks_run" >>"$table"
    done
done
cat "$table"
