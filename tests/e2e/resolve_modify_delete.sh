#!/usr/bin/env bash
# Modify/delete, both ways, in a clone without the merge driver (git never
# calls the driver for these): ours edits td-a00001 and removes td-a00002,
# theirs removes td-a00001 and edits td-a00002. `git td resolve` keeps both
# edits, soft-deleted (deleted_at = the edit's updated_at), each with a
# modified-while-deleted entry, stages them, and the merge commits. A
# write-once log removed on one side and changed on the other is kept as
# edited, with the entry on its id.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python

repo=$WORK/repo tree=$WORK/repo/.todos/export
plain_repo "$repo"
issue_db "$repo/.todos/issues.db" td-a00001 td-a00002
sqlite3 "$repo/.todos/issues.db" "insert into logs (id, issue_id, session_id, message, type, timestamp)
  values ('lg-0000000a', 'td-a00001', 'ses_aaaaaa', 'first words', 'progress', '2026-04-01 09:30:00+00:00')"
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_in "$repo" "first export"
git -C "$repo" branch theirs

set_field "$tree/issues/td-a00001.yaml" title "Edited on ours"
set_field "$tree/issues/td-a00001.yaml" updated_at '"2026-04-02T10:00:00Z"'
git -C "$repo" rm -q "$tree/issues/td-a00002.yaml"
set_field "$tree/logs/lg-0000000a.yaml" message "corrected words"
commit_in "$repo" "ours"
git -C "$repo" checkout -q theirs
git -C "$repo" rm -q "$tree/issues/td-a00001.yaml" "$tree/logs/lg-0000000a.yaml"
set_field "$tree/issues/td-a00002.yaml" title "Edited on theirs"
set_field "$tree/issues/td-a00002.yaml" updated_at '"2026-04-02T11:00:00Z"'
commit_in "$repo" "theirs"
git -C "$repo" checkout -q main

if git -C "$repo" merge --no-edit theirs >/dev/null 2>&1; then fail "the merge did not conflict"; fi
assert_eq "$(unmerged "$repo" | LC_ALL=C sort)" ".todos/export/issues/td-a00001.yaml
.todos/export/issues/td-a00002.yaml
.todos/export/logs/lg-0000000a.yaml" "modify/delete conflicts"

out=$("$GIT_TD" -C "$repo" resolve) || fail "resolve exited $?: $out"
assert_eq "$(unmerged "$repo")" "" "conflicts left"
grep -q "kept-edit  .todos/export/issues/td-a00001.yaml: modify/delete: ours edited, theirs removed" <<<"$out" ||
  fail "resolve does not say what it did: $out"

one=$tree/issues/td-a00001.yaml two=$tree/issues/td-a00002.yaml log=$tree/logs/lg-0000000a.yaml
assert_eq "$(field "$one" title)" '"Edited on ours"' "ours' edit"
assert_eq "$(field "$one" deleted_at)" '"2026-04-02T10:00:00Z"' "td-a00001 soft-deleted at its edit"
assert_eq "$(conflicts_of "$one")" 'deleted_at:"2026-04-02T10:00:00Z":["2026-04-02T10:00:00Z", null]' "td-a00001's entry"
assert_eq "$(field "$two" title)" '"Edited on theirs"' "theirs' edit"
assert_eq "$(field "$two" deleted_at)" '"2026-04-02T11:00:00Z"' "td-a00002 soft-deleted at its edit"
"$PY" -c 'import sys, yaml; assert yaml.safe_load(open(sys.argv[1]))["conflicts"][0]["rule"] == "modified-while-deleted"' \
  "$two" || fail "td-a00002's entry rule"
assert_eq "$(field "$log" message)" '"corrected words"' "the log's edit"
assert_eq "$(conflicts_of "$log")" 'id:"lg-0000000a":["lg-0000000a", null]' "the log's entry"
git -C "$repo" commit -q --no-edit || fail "git commit after resolve"
"$GIT_TD" -C "$repo" import --dry-run >/dev/null || fail "import refuses the resolved tree"
echo "PASS"
