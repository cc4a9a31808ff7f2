#!/usr/bin/env bash
# Export and import benchmarks of DESIGN.md section 7 (see bench/README.md).
#
#   bench/run.sh [SIZES...]          default: 1000 10000 30000 issues
#
# Environment:
#   REPS        repetitions per measurement, reported as the median (3)
#   FULL_REPS   repetitions of the slow full export + floor pair (REPS)
#   SETTLE      seconds that must separate a mass delete from the next
#               measurement (300; see "ext4" below), 0 to skip the wait
#   BENCH_OUT   working directory (bench/out, gitignored); another file
#               system, e.g. /dev/shm/gittd-bench, measures that one
#   GITTD_SHARED_DIR  td's schema and the beads corpora (../shared)
#
# Builds a Release tree in build-bench/ (leaving build/ alone), prints a
# markdown table on stdout and keeps it, the raw measurements (raw.tsv) and
# every command's output (run.log) in the working directory.
#
# ext4: this machine's root file system has no journal, and in that mode
# ext4's inode allocator skips, one buffer lookup at a time, every inode freed
# in the last 5 s (300 s if its inode-table block is dirty, which writing new
# files next to it makes it). Creating 80k files shortly after deleting 80k
# took 2-10x longer than otherwise. So nothing is deleted while measuring:
# old trees are moved into a trash directory that is emptied at the very end,
# and a run waits until SETTLE seconds have passed since the previous run's
# cleanup.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${GITTD_SHARED_DIR:-$root/../shared}
build=$root/build-bench
out=${BENCH_OUT:-$here/out}
reps=${REPS:-3}
full_reps=${FULL_REPS:-$reps}
settle=${SETTLE:-300}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 30000); fi

mkdir -p "$out"
log=$out/run.log
raw=$out/raw.tsv
trash=$out/trash
: >"$log"
printf 'size\tmeasure\trep\telapsed_s\tpeak_kb\tuser_s\tsys_s\tload1\n' >"$raw"

# What is measured, for the README: the commit src/ is built from (+dirty if
# src/ has local edits), taken before the build since others may commit.
source=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" diff --quiet HEAD -- src 2>/dev/null || source="$source+dirty"
echo "git-td $source, $(date -u '+%Y-%m-%d %H:%M UTC'), REPS=$reps FULL_REPS=$full_reps" >"$out/source.txt"

# Warnings are not this script's business (the normal build enforces them) and
# src/ may be mid-edit by someone else: build without -Werror.
echo "building Release tree in $build" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGITTD_TESTS=OFF -DGITTD_WERROR=OFF >>"$log"
make -C "$build" -j"$(nproc)" git-td gen_tddb write_floor >>"$log" 2>&1 ||
    { tail -30 "$log" >&2; exit 1; }
gittd=$build/bin/git-td

# discard PATH: out of the way without deleting (see "ext4" above).
discarded=0
discard() {
    mkdir -p "$trash"
    discarded=$((discarded + 1))
    mv "$1" "$trash/$(basename "$1").$$.$discarded"
}

# measure SIZE NAME REP COMMAND...: runs COMMAND under /usr/bin/time and
# appends a row to raw.tsv. The command's output goes to the log and to
# last.out (callers check the export summary). write_floor times only its
# write phase and prints seconds=, user=, sys=; those replace the process's.
measure() {
    local size=$1 name=$2 rep=$3 timing load elapsed peak user sys own
    shift 3
    timing=$(mktemp)
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "== $size $name #$rep: $*" >>"$log"
    /usr/bin/time -f '%e %M %U %S' -o "$timing" "$@" >"$out/last.out" 2>&1
    cat "$out/last.out" >>"$log"
    read -r elapsed peak user sys <"$timing"
    rm -f "$timing"
    own=$(sed -n 's/.*seconds=\([0-9.]*\) user=\([0-9.]*\) sys=\([0-9.]*\).*/\1 \2 \3/p' "$out/last.out")
    if [ -n "$own" ]; then read -r elapsed user sys <<<"$own"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$rep" "$elapsed" "$peak" "$user" "$sys" "$load" >>"$raw"
}

# expect TEXT: the last export must have said TEXT (guards against measuring
# an export that did something other than what the column claims).
expect() {
    grep -q -- "$1" "$out/last.out" || {
        echo "unexpected export output (wanted '$1'):" >&2
        cat "$out/last.out" >&2
        exit 1
    }
}

# Waits out ext4's inode reuse delay after the previous run's cleanup.
if [ -f "$out/.cleaned-at" ] && [ "$settle" -gt 0 ]; then
    wait_s=$(($(cat "$out/.cleaned-at") + settle - $(date +%s)))
    if [ "$wait_s" -gt 0 ]; then
        echo "waiting ${wait_s}s: the previous run deleted its trees less than ${settle}s ago (SETTLE=0 skips)" >&2
        sleep "$wait_s"
    fi
fi
[ -d "$trash" ] && echo "warning: $trash is left from an interrupted run; timings may suffer" >&2

# (a)-(d) for one size; every measurement that creates many files comes here,
# before any mass delete of this run.
bench_size() {
    local size=$1 db repo export_dir base rep
    db=$out/td-$size.db
    repo=$out/repo-$size
    export_dir=$repo/.todos/export
    base=$repo/.git/git-td # git-td's base store (DESIGN section 3), per clone
    echo "size $size: generating $db" >&2
    "$build/bench/gen_tddb" "$shared/td/schema.sql" "$db" "$size" 2>>"$log"

    if [ -e "$repo" ]; then discard "$repo"; fi
    git init -q "$repo"
    mkdir -p "$repo/.todos"
    cp "$db" "$repo/.todos/issues.db"
    "$gittd" -C "$repo" init >>"$log"

    # (a) + (b): full export into an empty tree with no base (a fresh clone),
    # then the floor on the tree it wrote, alternated so that both see the
    # same machine state. Every record must be written.
    for rep in $(seq "$full_reps"); do
        echo "size $size: full export + floor #$rep" >&2
        for kind in "$export_dir"/*/; do [ -d "$kind" ] && discard "$kind"; done
        if [ -e "$base" ]; then discard "$base"; fi
        sync # do not bill the previous step's writeback to the export
        measure "$size" full "$rep" "$gittd" -C "$repo" export
        expect '^\([0-9]*\) records; wrote \1, removed 0'
        measure "$size" floor "$rep" "$build/bench/write_floor" --trash "$trash" "$export_dir"
        # Diagnostic: the floor again, through temp files + renames.
        measure "$size" floor-rename "$rep" "$build/bench/write_floor" --rename --trash "$trash" "$export_dir"
    done
    find "$export_dir" -mindepth 2 -type f | wc -l >"$out/files-$size"

    # Conversion cost without file I/O: a dry run against an empty tree and
    # no base, so that every row is converted and none written.
    mv "$export_dir" "$export_dir.keep"
    mv "$base" "$base.keep"
    mkdir "$export_dir"
    cp "$export_dir.keep/git-td.yaml" "$export_dir/"
    measure "$size" dry-run 1 "$gittd" -C "$repo" export --dry-run
    expect '^\([0-9]*\) records; would write \1, would remove 0'
    discard "$export_dir"
    if [ -e "$base" ]; then discard "$base"; fi
    mv "$export_dir.keep" "$export_dir"
    mv "$base.keep" "$base"

    # The floor re-created every file (new inodes and mtimes): a distrustful
    # export compares them all and re-records their stamps. Measured, as the
    # cost of an export after something touched the whole tree.
    measure "$size" full-check 1 "$gittd" -C "$repo" export --full
    expect "wrote 0, removed 0"

    # (c): nothing changed since the last export.
    echo "size $size: no-op x$reps" >&2
    for rep in $(seq "$reps"); do
        measure "$size" no-op "$rep" "$gittd" -C "$repo" export
        expect "wrote 0, removed 0"
    done

    # (d): one issue's title changed in td's database the way td changes it
    # (updated_at bumped, an action_log row), then export; another issue each
    # time.
    echo "size $size: one-change x$reps" >&2
    for rep in $(seq "$reps"); do
        sqlite3 "$repo/.todos/issues.db" "BEGIN;
            CREATE TEMP TABLE target AS
                SELECT id FROM issues ORDER BY id LIMIT 1 OFFSET $((rep * 7));
            UPDATE issues SET title = 'bench change $rep',
                updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') || '+00:00'
                WHERE id = (SELECT id FROM target);
            INSERT INTO action_log (id, session_id, action_type, entity_type, entity_id,
                                    previous_data, new_data, timestamp)
                SELECT 'al-' || lower(hex(randomblob(4))), 'ses_bench0', 'update', 'issue', id,
                       '', json_object('id', id, 'title', 'bench change $rep'),
                       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                FROM target;
            COMMIT;"
        measure "$size" one-change "$rep" "$gittd" -C "$repo" export
        expect "wrote 1, removed 0"
    done

    # (f): full import of the tree into an empty schema-38 database with no
    # base (a fresh clone whose td database is new): every record inserted.
    echo "size $size: full import" >&2
    discard "$repo/.todos/issues.db"
    sqlite3 "$repo/.todos/issues.db" <"$shared/td/schema.sql"
    discard "$base"
    sync
    measure "$size" import-full 1 "$gittd" -C "$repo" import
    expect '^changed \([0-9]*\) records (\1 new, 0 updated, 0 merged, 0 deleted)'

    # (g): nothing changed in the tree since that import.
    echo "size $size: no-op import x$reps" >&2
    for rep in $(seq "$reps"); do
        measure "$size" import-no-op "$rep" "$gittd" -C "$repo" import
        expect '^changed 0 records.*read 0 of'
    done

    # (h): one issue file edited (as a pull would change it), then import.
    echo "size $size: one-change import x$reps" >&2
    for rep in $(seq "$reps"); do
        file=$(find "$export_dir/issues" -name '*.yaml' | sort | sed -n "$((rep * 7 + 1))p")
        sed -i "s/^title: .*/title: bench import change $rep/" "$file"
        measure "$size" import-one-change "$rep" "$gittd" -C "$repo" import
        expect '^changed 1 records (0 new, 1 updated'
    done
}

# (e): switch the tree to JSON: every file written anew, every .yaml removed.
# Once; informative, not a target. Last, because it mass-deletes.
bench_json() {
    echo "size $1: JSON switch" >&2
    measure "$1" json 1 "$gittd" -C "$out/repo-$1" export --format json
    expect '^\([0-9]*\) records; wrote \1,'
    if [ -n "$(find "$out/repo-$1/.todos/export" -mindepth 2 -name '*.yaml' | head -1)" ]; then
        echo "the JSON switch left .yaml files behind" >&2
        exit 1
    fi
}

for size in "${sizes[@]}"; do bench_size "$size"; done
for size in "${sizes[@]}"; do bench_json "$size"; done

values() { # values SIZE NAME FIELD (4=elapsed, 5=peak): one line each
    awk -F'\t' -v s="$1" -v n="$2" -v f="$3" '$1 == s && $2 == n { print $f }' "$raw"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
stat_of() { values "$@" | median; }
min_of() { values "$@" | sort -g | head -1; }
cpu_of() { # median user+sys seconds
    awk -F'\t' -v s="$1" -v n="$2" '$1 == s && $2 == n { printf "%.2f\n", $6 + $7 }' "$raw" | median
}
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

table=$out/results.md
details=$out/details.md
{
    echo "| issues | files | full export s | floor s | ratio | no-op s | one-change s | peak MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"
{
    echo "| issues | full min s | floor min s | temp+rename floor s | dry-run s | --full no-op s | JSON switch s | JSON peak MB | full CPU s | floor CPU s | no-op CPU s | one-change CPU s | floor peak MB | load avg range |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$details"
imports=$out/imports.md
{
    echo "| issues | files | full import s | no-op import s | one-change import s | full import peak MB | no-op peak MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
} >"$imports"
for size in "${sizes[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$(cat "$out/files-$size")" \
        "$(stat_of "$size" import-full 4)" "$(stat_of "$size" import-no-op 4)" \
        "$(stat_of "$size" import-one-change 4)" "$(mb "$(stat_of "$size" import-full 5)")" \
        "$(mb "$(stat_of "$size" import-no-op 5)")" >>"$imports"
done
for size in "${sizes[@]}"; do
    full=$(stat_of "$size" full 4)
    floor=$(stat_of "$size" floor 4)
    # Peak of every YAML export at this size (the full export is the high
    # mark); the JSON switch's and write_floor's are in the details.
    peak_kb=$(awk -F'\t' -v s="$size" '$1 == s && $2 !~ /^floor|^json|^import/ && $5 > m { m = $5 } END { print m }' "$raw")
    loads=$(awk -F'\t' -v s="$size" '$1 == s { print $8 }' "$raw" | sort -g | sed -n '1p;$p' | paste -sd- -)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$(cat "$out/files-$size")" "$full" "$floor" \
        "$(awk -v a="$full" -v b="$floor" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" \
        "$(stat_of "$size" no-op 4)" "$(stat_of "$size" one-change 4)" "$(mb "$peak_kb")" >>"$table"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" \
        "$(min_of "$size" full 4)" "$(min_of "$size" floor 4)" "$(stat_of "$size" floor-rename 4)" \
        "$(stat_of "$size" dry-run 4)" "$(stat_of "$size" full-check 4)" "$(stat_of "$size" json 4)" "$(mb "$(stat_of "$size" json 5)")" \
        "$(cpu_of "$size" full)" \
        "$(cpu_of "$size" floor)" "$(cpu_of "$size" no-op)" "$(cpu_of "$size" one-change)" \
        "$(mb "$(stat_of "$size" floor 5)")" "$loads" >>"$details"
done

echo "done; emptying $trash" >&2
rm -rf "$trash"
date +%s >"$out/.cleaned-at"

cat "$out/source.txt"
echo
cat "$table"
echo
cat "$details"
echo
cat "$imports"
echo
echo "raw measurements: $raw; command output: $log" >&2
