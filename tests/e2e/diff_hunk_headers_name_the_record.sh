#!/usr/bin/env bash
# `git td init` configures diff.td-record (issue 11): every hunk header of a
# record file's diff names the record (an issue's title, a log's message or issue),
# in YAML and in JSON trees, in `git diff` and `git log -p`; doctor checks
# the key and `init --uninstall` removes it.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "Fix login redirect"
sqlite3 "$db" "insert into logs (id, issue_id, session_id, message, timestamp)
  values ('lg-00000001', 'td-000001', 'ses_aaaaaa', 'Found the redirect', '2026-04-01 09:00:00+00:00')"
"$GIT_TD" -C "$repo" commit -m "tasks" >/dev/null 2>&1 || fail "commit"
assert_eq "$(git -C "$repo" config diff.td-record.xfuncname | head -c 8)" "^((title" "diff.td-record.xfuncname"
"$GIT_TD" -C "$repo" doctor >"$WORK/doctor" 2>&1 || true
grep -q "diff_header: hunk headers of record diffs name the record" "$WORK/doctor" || fail "doctor: $(cat "$WORK/doctor")"

for format in yaml json; do
  if [ "$format" = json ]; then
    "$GIT_TD" -C "$repo" export --format json >/dev/null 2>&1 || fail "switch to json"
    "$GIT_TD" -C "$repo" commit -m "json" >/dev/null 2>&1 || fail "commit of the switch"
  fi
  sqlite3 "$db" "update issues set status = 'closed', closed_at = '2026-04-02 10:00:00+00:00',
      updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000001';
    update logs set type = 'blocker' where id = 'lg-00000001'"
  "$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "$format: export"
  git -C "$repo" diff -- .todos/export >"$WORK/diff"
  grep -q '^@@ .* @@ title: Fix login redirect$\|^@@ .* @@   "title": "Fix login redirect",$' "$WORK/diff" ||
    fail "$format: no hunk header names the issue: $(grep '^@@' "$WORK/diff")"
  # A log's type sits right under its message and issue: the header names one of them.
  grep -q '^@@ -[0-9,]* +[0-9,]* @@ \(message: Found the redirect\|issue_id: td-000001\|  "message": "Found the redirect",\|  "issue_id": "td-000001",\)$' "$WORK/diff" ||
    fail "$format: no hunk header names the log: $(grep '^@@' "$WORK/diff")"
  "$GIT_TD" -C "$repo" commit -m "$format edits" >/dev/null 2>&1 || fail "$format: commit"
  git -C "$repo" log -p -1 -- .todos/export/issues | grep -q '^@@ .* @@ .*Fix login redirect' ||
    fail "$format: git log -p shows no record name"
  sqlite3 "$db" "update issues set status = 'open', closed_at = NULL, updated_at = '2026-04-03 10:00:00+00:00';
    update logs set type = 'progress'"
  "$GIT_TD" -C "$repo" commit -m "$format reopen" >/dev/null 2>&1 || fail "$format: reopen"
done

"$GIT_TD" -C "$repo" init --uninstall >/dev/null 2>&1 || fail "init --uninstall"
git -C "$repo" config diff.td-record.xfuncname >/dev/null && fail "init --uninstall left diff.td-record.xfuncname"
echo ok
