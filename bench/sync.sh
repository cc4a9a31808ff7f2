#!/usr/bin/env bash
# `git td sync` over a loopback remote (DESIGN §7: no-op < 0.5 s and one
# changed record < 1 s at 10k issues; the in-memory merge of 2,000
# conflicting records < 0.2 s). See bench/README.md.
#
#   bench/sync.sh [SIZES...]       default: 10000 issues
#
# Environment: REPS (5), BENCH_OUT (bench/out), GITTD_SHARED_DIR (../shared).
#
# Two machines in branch mode share a bare repository over file://. Alice
# (a generated database) syncs first, Bob (a fresh clone) receives
# everything; then, alternating with the floor (`git fetch` of the same
# remote, which is what a sync cannot do without), no-op syncs and syncs of
# one changed issue; last, both change the titles of the same 2,000 issues
# and Bob's sync merges them: its merge step alone is read from the sync's
# own --json timings. Prints a markdown table (median seconds, peak memory)
# and keeps it in the working directory with every command's output (sync.log).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
reps=${REPS:-5}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000); fi
mkdir -p "$out"
log=$out/sync.log
table=$out/sync.md
: >"$log"

build_release git-td gen_tddb

row() { printf '| %s | %s | %s s | %s | %s MB |\n' "$1" "$2" "$3" "$4" "$(($5 / 1024))" >>"$table"; }

echo "| issues | what | git-td | floor (same run) | peak memory |" >"$table"
echo "|---|---|---|---|---|" >>"$table"
for size in "${sizes[@]}"; do
    a=$out/sync-$size-alice b=$out/sync-$size-bob origin=$out/sync-$size-origin.git
    rm -rf "$b" "$origin"
    generated_repo "$a" "$size"
    git -C "$a" add code.txt && git -C "$a" commit -q -m "code"
    git init -q --bare "$origin"
    git -C "$a" remote add origin "file://$origin"
    git -C "$a" push -q origin main 2>>"$log"
    git-td -C "$a" init --mode branch >>"$log" 2>&1

    echo "size $size: first syncs" >&2
    read -r seconds memory < <(measure "$a" git-td sync)
    row "$size" "first sync, pushes every record" "$seconds" "" "$memory"
    git clone -q "file://$origin" "$b" 2>>"$log"
    git-td -C "$b" init --mode branch >>"$log" 2>&1
    read -r seconds memory < <(measure "$b" git-td sync)
    row "$size" "first sync of a fresh clone (every record imported)" "$seconds" "" "$memory"

    : >"$out/noop" && : >"$out/noop-mem" && : >"$out/one" && : >"$out/one-mem" && : >"$out/fetch"
    for rep in $(seq "$reps"); do
        echo "size $size: run $rep" >&2
        measure "$a" git fetch -q origin | awk '{ print $1 }' >>"$out/fetch"
        read -r seconds memory < <(measure "$a" git-td sync)
        echo "$seconds" >>"$out/noop" && echo "$memory" >>"$out/noop-mem"
        id=$(sqlite3 "$a/.todos/issues.db" "select id from issues order by id limit 1 offset $((rep * 7))")
        sqlite3 "$a/.todos/issues.db" "update issues set title = 'bench $rep', updated_at = '2030-01-0$rep 00:00:00+00:00' where id = '$id'"
        read -r seconds memory < <(measure "$a" git-td sync)
        echo "$seconds" >>"$out/one" && echo "$memory" >>"$out/one-mem"
    done
    fetch=$(median <"$out/fetch")
    row "$size" "no-op sync" "$(median <"$out/noop")" "\`git fetch\` $fetch s" "$(median <"$out/noop-mem" | cut -d. -f1)"
    row "$size" "one changed issue (export, commit, push)" "$(median <"$out/one")" "\`git fetch\` $fetch s" \
        "$(median <"$out/one-mem" | cut -d. -f1)"

    echo "size $size: 2,000 conflicting records" >&2
    git-td -C "$b" sync >>"$log" 2>&1
    sqlite3 "$a/.todos/issues.db" "update issues set title = 'Alice ' || id, updated_at = '2031-01-01 00:00:00+00:00'
      where id in (select id from issues order by id limit 2000)"
    sqlite3 "$b/.todos/issues.db" "update issues set title = 'Bob ' || id, updated_at = '2031-01-02 00:00:00+00:00'
      where id in (select id from issues order by id limit 2000)"
    git-td -C "$a" sync >>"$log" 2>&1
    read -r seconds memory < <(measure "$b" git-td --json sync)
    merged=$(jq -r '.merge_steps | map(select(.action == "merged")) | length' "$out/stdout")
    merge_seconds=$(jq -r '.seconds.merge' "$out/stdout" | xargs printf '%.3f')
    [ "$merged" = 2000 ] || { echo "expected 2000 merged records, got $merged" >&2; exit 1; }
    row "$size" "sync merging 2,000 conflicting issues (whole sync)" "$seconds" "" "$memory"
    row "$size" "... its in-memory merge step" "$merge_seconds" "" "$memory"
done
cat "$table"
