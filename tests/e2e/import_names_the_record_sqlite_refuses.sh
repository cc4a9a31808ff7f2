#!/usr/bin/env bash
# When td's database refuses the write of one record (a UNIQUE index other
# than the id, a trigger that raises), import fails naming the record file and
# the record, with SQLite's message, and writes nothing: the database, its
# action_log and the base are as before, so the same import fails the same way
# until the file is fixed, and then goes through.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
td_repo "$repo"
add_issue "$db" td-a00001 "First"
add_issue "$db" td-a00002 "Second"
sqlite3 "$db" "insert into issue_dependencies (id, issue_id, depends_on_id, relation_type)
  values ('dep_0000000000000001', 'td-a00001', 'td-a00002', 'depends_on')"
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
commit_all "$repo" "records"
state() { sqlite3 "$db" "select count(*) from issue_dependencies; select count(*) from action_log;
  select title from issues order by id"; }

# 1. A second dependency with the same (issue, depends-on, relation): td's UNIQUE index refuses it.
sed 's/^id: .*/id: dep_0000000000000002/' "$tree/dependencies/dep_0000000000000001.yaml" \
  >"$tree/dependencies/dep_0000000000000002.yaml"
sed -e 's/^id: .*/id: td-a00004/' -e 's/^title: .*/title: Fourth, from the tree/' "$tree/issues/td-a00001.yaml" \
  >"$tree/issues/td-a00004.yaml"
before=$(state)
for attempt in 1 2; do
  "$GIT_TD" -C "$repo" import >"$WORK/out" 2>"$WORK/err" && fail "import of a duplicate dependency succeeded"
  grep -q "dependencies/dep_0000000000000002.yaml" "$WORK/err" || fail "attempt $attempt: the record file is not named: $(cat "$WORK/err")"
  grep -q "dep_0000000000000002" "$WORK/err" || fail "attempt $attempt: the record is not named"
  grep -q "UNIQUE constraint failed" "$WORK/err" || fail "attempt $attempt: SQLite's message is missing: $(cat "$WORK/err")"
  assert_eq "$(state)" "$before" "attempt $attempt: the database after the refused import"
done
json=$("$GIT_TD" -C "$repo" --output json import 2>/dev/null) && fail "JSON import succeeded"
assert_eq "$(jq -r .error.code <<<"$json")" database_error "the error code"
jq -r .error.message <<<"$json" | grep -q "dep_0000000000000002.yaml" || fail "the JSON error does not name the file"

rm "$tree/dependencies/dep_0000000000000002.yaml"
"$GIT_TD" -C "$repo" import >/dev/null 2>&1 || fail "import after the file was fixed"
assert_eq "$(title_of "$db" td-a00004)" "Fourth, from the tree" "the other record, once the import went through"

# 2. A trigger in td's database that raises for one title.
sqlite3 "$db" "create trigger refuse_title before update of title on issues when new.title = 'Forbidden'
  begin select raise(abort, 'refused by the test trigger'); end"
sed -i 's/^title: .*/title: Forbidden/' "$tree/issues/td-a00002.yaml"
before=$(state)
"$GIT_TD" -C "$repo" import >"$WORK/out" 2>"$WORK/err" && fail "import through a raising trigger succeeded"
grep -q "issues/td-a00002.yaml" "$WORK/err" || fail "the trigger's refusal does not name the file: $(cat "$WORK/err")"
grep -q "refused by the test trigger" "$WORK/err" || fail "SQLite's message is missing: $(cat "$WORK/err")"
assert_eq "$(state)" "$before" "the database after the trigger refused"
