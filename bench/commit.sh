#!/usr/bin/env bash
# `git td commit` against `git add -A && git commit` on the same freshly
# exported tree (DESIGN §7: half the time, by writing one pack instead of a
# loose object per file). See bench/README.md.
#
#   bench/commit.sh [SIZES...]       default: 10000 issues (80k files)
#
# Environment: REPS (3), QUIET (30), BENCH_OUT (bench/out), GITTD_SHARED_DIR (../shared).
#
# One repository per size with td's database and `git td init`'s setup
# committed, the whole export written and not committed; each run works on
# a fresh copy of it (cp -a, and for git-td an import that restamps the
# copy's files and an export that finds nothing to write, outside the
# timing), the two commands taking turns to go first, each on a quiet
# machine: after each command, `sync` and a pause (QUIET, 30 s). Without
# the pause, whatever runs in the seconds after git's 80k loose objects were
# written runs about 60 % slower on this virtual machine (git-td: 7.3 s
# right after git, 4.7 s 30 s later; git itself does not slow down after
# git-td's one pack). Prints a markdown table (median seconds and peak memory) and
# keeps it, with every command's output (commit.log), in the working
# directory. The ext4 caveat of run.sh applies: copies are not deleted
# until the end.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
reps=${REPS:-3}
quiet=${QUIET:-30}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000); fi
mkdir -p "$out"
log=$out/commit.log
table=$out/commit.md
: >"$log"

build_release git-td gen_tddb

git_add_commit() { git add -A && git -c core.hooksPath=/dev/null commit -q -m "the export"; }
export -f git_add_commit

trash=$out/commit-trash
mkdir -p "$trash"
echo "| issues | files | \`git add -A && git commit\` | \`git td commit\` | ratio | peak memory (git td commit) |" >"$table"
echo "|---|---|---|---|---|---|" >>"$table"
for size in "${sizes[@]}"; do
    source_repo=$out/commit-$size
    generated_repo "$source_repo" "$size"
    git -C "$source_repo" add -A && git -C "$source_repo" -c core.hooksPath=/dev/null commit -q -m "code"
    git-td -C "$source_repo" init >>"$log" 2>&1
    git-td -C "$source_repo" export >>"$log" 2>&1
    files=$(find "$source_repo/.todos/export" -type f | wc -l | tr -d ' ')
    : >"$out/plain" && : >"$out/td" && : >"$out/td-mem"
    for rep in $(seq "$reps"); do
        echo "size $size: run $rep" >&2
        cp -a "$source_repo" "$trash/plain-$size-$rep"
        cp -a "$source_repo" "$trash/td-$size-$rep"
        # A copy has new inodes and another path: restamp the base store
        # (the files are as export wrote them) and agree with the database
        # at its new path again, as a tree exported in place would be.
        git-td -C "$trash/td-$size-$rep" import >>"$log" 2>&1
        git-td -C "$trash/td-$size-$rep" export >>"$log" 2>&1
        sync && sleep "$quiet"
        run_plain() {
            measure "$trash/plain-$size-$rep" bash -c git_add_commit | awk '{ print $1 }' >>"$out/plain"
            sync && sleep "$quiet"  # the 80k loose objects' aftermath: on nobody's clock
        }
        run_td() {
            read -r seconds memory < <(measure "$trash/td-$size-$rep" git-td commit -m "the export")
            echo "$seconds" >>"$out/td" && echo "$memory" >>"$out/td-mem"
            sync && sleep "$quiet"
        }
        if [ $((rep % 2)) = 1 ]; then run_plain && run_td; else run_td && run_plain; fi
        [ "$(git -C "$trash/td-$size-$rep" status --porcelain -- .todos)" = "" ] ||
            { echo "git td commit left .todos/export uncommitted" >&2; exit 1; }
    done
    plain=$(median <"$out/plain") td=$(median <"$out/td") memory=$(median <"$out/td-mem")
    printf '| %s | %s | %s s | %s s | %s | %s MB |\n' "$size" "$files" "$plain" "$td" \
        "$(echo "$td / $plain" | bc -l | xargs printf '%.2f')" "$((${memory%.*} / 1024))" >>"$table"
done
rm -rf "$trash"
cat "$table"
