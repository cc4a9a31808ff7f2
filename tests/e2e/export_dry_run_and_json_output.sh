#!/usr/bin/env bash
# `export --dry-run` changes nothing (not even creating .todos/export) and lists
# exactly the paths a real export then writes or removes. `--output json` prints
# one JSON document (records count, written/removed paths); failures in that
# mode print {"error":{"code","message"}} and exit 1; usage errors exit 2.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_realdata

repo=$WORK/repo db=$WORK/repo/.todos/issues.db export=$WORK/repo/.todos/export
new_repo "$repo"
real_db pjsvis__oxibonsai.db "$db"
before=$(snapshot "$repo")   # (the WAL-flagged copy is only read)

# Dry run on a fresh repository: a "would write" line per record, nothing written.
"$GIT_TD" -C "$repo" export --dry-run >"$WORK/dry" || fail "dry run failed"
[ ! -e "$export" ] || fail "dry run created $export"
assert_eq "$(snapshot "$repo")" "$before" "repository after a dry run"
grep '^would write ' "$WORK/dry" | sed 's/^would write //' | sort >"$WORK/would"
[ -s "$WORK/would" ] || fail "dry run lists nothing: $(cat "$WORK/dry")"

# The real export writes exactly those paths; its JSON counts agree.
out=$("$GIT_TD" -C "$repo" --output json export) || fail "export failed"
assert_eq "$(jq -s length <<<"$out")" 1 "JSON documents printed by export"
(cd "$export" && find . -mindepth 2 -type f | sed 's|^\./||' | sort) >"$WORK/written"
diff "$WORK/would" "$WORK/written" >&2 || fail "dry run listed other paths than export wrote"
assert_eq "$(jq -r '.written[]' <<<"$out" | sort)" "$(cat "$WORK/written")" "JSON 'written' paths"
assert_eq "$(jq .records <<<"$out")" "$(wc -l <"$WORK/written" | tr -d ' ')" "JSON 'records' count"
assert_eq "$(jq .dry_run <<<"$out")" false "JSON dry_run flag"

# A change plus a deletion: the dry run names just those two, touches nothing.
issue=$(sqlite3 "$db" "select id from issues order by id limit 1")
log=$(sqlite3 "$db" "select id from logs order by id limit 1")
sqlite3 "$db" "update issues set title = 'dry' where id = '$issue'; delete from logs where id = '$log'"
tree=$(snapshot "$export")
out=$("$GIT_TD" -C "$repo" --output json export --dry-run) || fail "JSON dry run failed"
assert_eq "$(jq -c '[.dry_run, .written, .removed]' <<<"$out")" \
  "[true,[\"issues/$issue.yaml\"],[\"logs/$log.yaml\"]]" "JSON dry run of one change and one deletion"
assert_eq "$(jq .records <<<"$out")" "$(($(wc -l <"$WORK/written") - 1))" "JSON dry run records"
assert_eq "$("$GIT_TD" -C "$repo" export --dry-run | grep '^would ')" \
  "would write issues/$issue.yaml
would remove logs/$log.yaml" "text dry run of one change and one deletion"
assert_eq "$(snapshot "$export")" "$tree" "tree after dry runs"

# Errors in JSON mode: one {"error":{code,message}} document, exit 1.
expect_json_error() {  # WHAT ARGS...
  local what=$1 status=0 out
  shift
  out=$("$GIT_TD" --output json "$@" 2>/dev/null) || status=$?
  assert_eq "$status" 1 "exit status for $what"
  jq -e '(keys == ["error"]) and (.error.code | type == "string" and length > 0)
         and (.error.message | type == "string" and length > 0)' <<<"$out" >/dev/null ||
    fail "$what: not one {\"error\":{code,message}} document: $out"
}
expect_json_error "a missing database" -C "$repo" --db "$WORK/absent.db" export
expect_json_error "a directory outside git" -C "$WORK" export
empty_td_db "$WORK/empty.db"
expect_json_error "the empty-database guard" -C "$repo" --db "$WORK/empty.db" export

# Usage errors exit 2, in both output modes.
for args in "export --bogus" "export --yaml" "export --format xml" "frobnicate" "init --format xml" ""; do
  status=0
  # shellcheck disable=SC2086
  "$GIT_TD" -C "$repo" $args >/dev/null 2>&1 || status=$?
  assert_eq "$status" 2 "exit status of 'git-td $args'"
  status=0
  # shellcheck disable=SC2086
  "$GIT_TD" -C "$repo" --output json $args >/dev/null 2>&1 || status=$?
  assert_eq "$status" 2 "exit status of 'git-td --output json $args'"
done
assert_eq "$(snapshot "$export")" "$tree" "tree after the failed commands"

# --yaml, which switched the tree's format before --format, says what replaced it;
# --json after export is JSON output, as on every command, and switches nothing.
"$GIT_TD" -C "$repo" export --yaml >/dev/null 2>"$WORK/err" && fail "export --yaml succeeded"
grep -q -- "--format yaml" "$WORK/err" || fail "export --yaml does not name --format yaml: $(cat "$WORK/err")"
out=$("$GIT_TD" -C "$repo" export --json) || fail "export --json failed"
assert_eq "$(jq -r .format <<<"$out")" yaml "format reported by export --json"
assert_eq "$(find "$export" -mindepth 2 -name '*.json' | wc -l | tr -d ' ')" 0 "JSON record files after export --json"
