# shellcheck shell=bash disable=SC2034,SC2154
# What the git benchmarks (hooks.sh, commit.sh) share: where things are, the
# Release build, and a repository around a generated td database. Sourced
# after `set -euo pipefail`; the caller sets `log` before calling anything
# (and uses `out`, `shared`, ...: hence SC2034 and SC2154 above).

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$(dirname "$here")
shared=${GITTD_SHARED_DIR:-$root/../shared}
build=$root/build-bench
out=${BENCH_OUT:-$here/out}

# build_release TARGET...: a Release tree in build-bench/ (build/ is left
# alone), its bin/ first on PATH, and a fixed identity for commits.
build_release() {
    echo "building Release tree in $build" >&2
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGITTD_TESTS=OFF -DGITTD_WERROR=OFF >>"$log"
    make -C "$build" -j"$(nproc)" "$@" >>"$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }
    PATH=$build/bin:$PATH
    export PATH GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench \
        GIT_COMMITTER_EMAIL=bench@example.invalid
}

# generated_repo DIR SIZE: a new git repository at DIR (branch main, one
# code.txt) with a td database of SIZE issues generated from the beads
# corpora, not committed.
generated_repo() {
    rm -rf "$1"
    mkdir -p "$1/.todos"
    echo "size $2: generating" >&2
    "$build/bench/gen_tddb" "$shared/td/schema.sql" "$1/.todos/issues.db" "$2" \
        "$shared"/realdata/beads/*.jsonl 2>>"$log"
    git init -q -b main "$1"
    echo "code" >"$1/code.txt"
}

# measure DIR COMMAND...: "seconds peak-KB" of one run of COMMAND in DIR;
# its stdout in $out/stdout, and both outputs appended to $log.
measure() {
    local dir=$1
    shift
    (cd "$dir" && /usr/bin/time -f "%e %M" -o "$out/time" "$@" >"$out/stdout" 2>>"$log")
    cat "$out/stdout" >>"$log"
    cat "$out/time"
}

# median: the median of the numbers on stdin, three decimals.
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
