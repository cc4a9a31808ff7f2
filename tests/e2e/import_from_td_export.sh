#!/usr/bin/env bash
# `git td import --from-td-export FILE` reads td's own JSON export
# ([{issue, logs, handoffs, dependencies, files}], times with offsets, nil lists
# as null, dependencies without ids) into td's database as td would store it,
# and a second import of the same file changes nothing.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
new_repo "$repo" && empty_td_db "$db"
json=$GITTD_SOURCE_DIR/tests/e2e/data/td-export.json   # assembled following td's code (no captured output exists)

out=$("$GIT_TD" -C "$repo" --output json import --from-td-export "$json") || fail "import failed"
assert_eq "$(jq -c '[.changes[] | .action] | unique' <<<"$out")" '["insert"]' "actions"
assert_eq "$(jq '.changes | length' <<<"$out")" 5 "records imported"

# td's deterministic id for the dependency: dep_ + sha256("issue|depends_on|relation")[:16].
assert_eq "$(sqlite3 "$db" "select id from issue_dependencies")" "dep_25d328b8574b4ed5" "dependency id"
# Times in td's canonical text, in UTC; labels comma-joined; lists as td's compact JSON with Go escapes.
assert_eq "$(sqlite3 "$db" "select created_at from issues where id = 'td-6f5e47'")" "2026-06-15 01:46:11.357764+00:00" "created_at"
assert_eq "$(sqlite3 "$db" "select labels from issues where id = 'td-6f5e47'")" "frontend,astro" "labels"
assert_eq "$(sqlite3 "$db" "select typeof(done), done, remaining from handoffs")" \
  'blob|["Scaffolded the app \u0026 checked \u003cButton\u003e renders"]|null' "handoff lists"
assert_eq "$(sqlite3 "$db" "select description from issues where id = 'td-656d5d'")" "" "omitted description"
assert_eq "$(sqlite3 "$db" "select count(*) from action_log where session_id = 'git-td'")" 5 "action_log rows"

before=$(sha256sum "$db")
out=$("$GIT_TD" -C "$repo" --output json import --from-td-export "$json") || fail "second import failed"
assert_eq "$(jq '.changes | length' <<<"$out")" 0 "second import"
assert_eq "$(sha256sum "$db")" "$before" "database after the second import"

# Not td's export: refused, nothing written.
echo '{"not": "a list"}' >"$WORK/bad.json"
if "$GIT_TD" -C "$repo" import --from-td-export "$WORK/bad.json" 2>"$WORK/err"; then fail "accepted a non-list"; fi
grep -q "bad.json" "$WORK/err" || fail "error does not name the file: $(cat "$WORK/err")"
assert_eq "$(sha256sum "$db")" "$before" "database after a refused file"
