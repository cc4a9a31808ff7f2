#!/usr/bin/env bash
# A record file that is a hard link to a file outside the repository (git
# never checks one out, but a local tool or a person can make one): export of
# td's edit to that record replaces the tree's file with a new one and never
# writes through the link, so the file outside keeps its bytes; import reads
# the tree's file as it reads any other. Hard links are not refused: a link
# count above one is no property of the bytes, and a backup made with
# `cp -al` or `rsync --link-dest` would otherwise stop every export.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export outside=$WORK/outside
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 2
"$GIT_TD" -C "$repo" init >/dev/null 2>&1 || fail "git td init"
"$GIT_TD" -C "$repo" export >/dev/null || fail "the first export"
commit_all "$repo" "export"
issue=$tree/issues/td-a00001.yaml
mkdir -p "$outside"
cp "$issue" "$outside/kept.yaml"
rm "$issue" && ln "$outside/kept.yaml" "$issue"
[ "$(stat -c %h "$outside/kept.yaml")" -eq 2 ] || fail "the hard link was not made"
before=$(sha256sum <"$outside/kept.yaml")

# Import reads the linked file like any other (it holds the agreed record).
"$GIT_TD" -C "$repo" import >/dev/null 2>"$WORK/err" || fail "import of a hard-linked record: $(cat "$WORK/err")"

# td's edit is exported: the tree's file is a new file, the outside one is untouched.
set_title "$db" td-a00001 "Edited in td" "2026-04-02 09:00:00+00:00"
"$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/err" || fail "export: $(cat "$WORK/err")"
grep -qx "title: Edited in td" "$issue" || fail "the export did not write td's edit: $(head -3 "$issue")"
assert_eq "$(sha256sum <"$outside/kept.yaml")" "$before" "the file outside the repository"
assert_eq "$(stat -c %h "$outside/kept.yaml")" 1 "the outside file's link count (the tree's file is a new one)"
