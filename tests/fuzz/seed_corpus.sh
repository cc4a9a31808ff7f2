#!/usr/bin/env bash
# Seeds tests/fuzz/corpus/ from real data: git-td's export of the three
# licensed td databases in ../shared/realdata/td (MIT, MIT, Apache-2.0; the
# two without a license are never read here), `td export` of the same, and
# the hand-written edge cases in seeds/. Files are named by the SHA-1 of
# their bytes, as libFuzzer names what it keeps, so re-seeding adds nothing
# twice. Run once by hand; the corpus is checked in (README.md).
#
#   GIT_TD=build-dev/bin/git-td tests/fuzz/seed_corpus.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
shared=${GITTD_SHARED_DIR:-$here/../../../shared}
git_td=${GIT_TD:?set GIT_TD to a git-td binary}
td=$shared/td/bin/td
corpus=$here/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# keep TARGET FILE: the file in TARGET's corpus under its SHA-1.
keep() {
    mkdir -p "$corpus/$1"
    cp "$2" "$corpus/$1/$(sha1sum <"$2" | cut -c1-40)"
}

# A few records of every kind: the first two by name and the largest.
sample() {
    local folder
    for folder in "$1"/*/; do
        { find "$folder" -type f | sort | head -2; find "$folder" -type f -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-; } |
            sort -u
    done
}

export GIT_AUTHOR_NAME=seed GIT_AUTHOR_EMAIL=seed@example.invalid GIT_COMMITTER_NAME=seed GIT_COMMITTER_EMAIL=seed@example.invalid
for name in marcus__nightshift tetrabit__llmfit pjsvis__oxibonsai; do
    for format in yaml json; do
        repo=$work/$name-$format
        mkdir -p "$repo/.todos" && git init -q "$repo"
        cp "$shared/realdata/td/$name.db" "$repo/.todos/issues.db"
        "$git_td" -C "$repo" init --format "$format" >/dev/null
        "$git_td" -C "$repo" export >/dev/null
        while read -r file; do keep "${format}_reader" "$file"; done < <(sample "$repo/.todos/export")
    done
    # td's own export (td migrates its copy first), cut to its first three issues.
    (cd "$work/$name-yaml" && "$td" export --all -o "$work/$name-td.json" >/dev/null 2>&1)
    jq -c '.[:3]' "$work/$name-td.json" >"$work/$name-td-3.json"
    keep td_export_reader "$work/$name-td-3.json"
done

# The driver: path byte, marker byte, then base, ours, theirs; the records are
# a real issue under the id the driver's paths use (td-a1b2c3, issues/ YAML).
issue=$(find "$work/marcus__nightshift-yaml/.todos/export/issues" -type f | sort | head -1)
id=$(basename "$issue" .yaml)
sed "s/$id/td-a1b2c3/" "$issue" >"$work/base.yaml"
sed 's/^title: .*/title: ours changed the title/' "$work/base.yaml" >"$work/ours.yaml"
sed 's/^priority: .*/priority: P0/' "$work/base.yaml" >"$work/theirs.yaml"
{ printf '\0\0'; cat "$work/base.yaml"; printf '\0'; cat "$work/ours.yaml"; printf '\0'; cat "$work/theirs.yaml"; } >"$work/driver-1"
{ printf '\0\1'; printf '\0'; cat "$work/ours.yaml"; printf '\0'; cat "$work/theirs.yaml"; } >"$work/driver-2"
{ printf '\7\0'; printf 'format: yaml\n\0format: yaml\nx: 1\n\0format: json\n'; } >"$work/driver-3"
for f in "$work"/driver-*; do keep merge_driver_input "$f"; done

for target in "$here"/seeds/*/; do
    for file in "$target"*; do keep "$(basename "$target")" "$file"; done
done
echo "corpus seeded: $(find "$corpus" -type f | wc -l) files"
