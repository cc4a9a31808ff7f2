#!/usr/bin/env bash
# Record files removed from the tree by hand (rm -rf .todos/export/issues) are
# a removal that awaits import, so export does not write them back; but it
# says so: how many records the tree lacks, why, and what to run ('git td
# import' to apply the removal, 'git td export --full' to write them back),
# also when td wrote nothing since the last export. --full writes them back.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
td_repo "$repo"
for n in 1 2 3; do add_issue "$db" "td-a0000$n" "Issue $n"; done
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "records"
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import after the commit"  # the database agrees with it

# 1. Removed by hand, td unchanged since the last export.
rm -rf "$tree/issues"
"$GIT_TD" -C "$repo" export >"$WORK/out" 2>"$WORK/err" || fail "export after rm: $(cat "$WORK/err")"
grep -q "3 records are missing from the tree" "$WORK/err" || fail "export does not count the missing records: $(cat "$WORK/err")"
grep -q "removal that awaits import" "$WORK/err" || fail "export does not say why"
grep -q "git td import" "$WORK/err" || fail "export does not name import"
grep -q "git td export --full" "$WORK/err" || fail "export does not name export --full"
[ ! -e "$tree/issues" ] || fail "a plain export wrote the removed files back"
json=$("$GIT_TD" -C "$repo" --output json export 2>/dev/null) || fail "export (JSON)"
assert_eq "$(jq -c '.missing_from_tree | sort' <<<"$json")" \
  '["issues/td-a00001.yaml","issues/td-a00002.yaml","issues/td-a00003.yaml"]' "the JSON report"

# 2. --full writes them back; then nothing is missing.
"$GIT_TD" -C "$repo" export --full >/dev/null 2>&1 || fail "export --full"
assert_eq "$(count_files "$tree/issues")" 3 "files after export --full"
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "the tree after export --full"
"$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/err" || fail "export after --full"
grep -q "missing" "$WORK/err" && fail "export after --full still reports missing records: $(cat "$WORK/err")"

# 3. Removed again; import applies the removal (the files were committed).
rm -rf "$tree/issues"
"$GIT_TD" -C "$repo" import --force >/dev/null 2>&1 || fail "import of the removal"
assert_eq "$(sqlite3 "$db" "select count(*) from issues where deleted_at is not null")" 3 "issues deleted by the import"
"$GIT_TD" -C "$repo" export >/dev/null 2>"$WORK/err" || fail "export after the import"
grep -q "missing" "$WORK/err" && fail "export after the import reports missing records: $(cat "$WORK/err")"
exit 0
