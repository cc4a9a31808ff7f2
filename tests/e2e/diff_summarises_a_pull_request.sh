#!/usr/bin/env bash
# `git td diff` (issue 11): a pull request's task changes, three-way from
# the merge base as `git diff main...feature` means it.
#  - on the feature branch an issue is closed, a closed one reopened, one
#    created, two logs and a comment added; meanwhile main retitles an
#    issue the branch also retitled, and merging main into the branch sets
#    the branch's title aside (the merge driver's conflicts entry);
#  - `--markdown` is exactly the fixture (counts line, table of issues);
#  - changes main made itself are not listed (main...feature), even after
#    main moves on; main..feature lists them;
#  - human output shows fields old -> new and a description as a line diff;
#  - `--json` counts the same;
#  - a change of 1,000 issues stays under GitHub's comment limit (65,536
#    characters) and says how many rows it left out;
#  - a range that names nothing fails, naming it, exit 1.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
t0='2026-04-01 09:00:00+00:00'
add_issue "$db" td-000001 "Fix login redirect"
add_issue "$db" td-000002 "Flaky upload test"
add_issue "$db" td-000003 "Title before"
add_issue "$db" td-000009 "Rewrite the docs"
sqlite3 "$db" "update issues set status = 'closed', closed_at = '$t0' where id = 'td-000002';
  update issues set description = 'line one' || char(10) || 'line two' where id = 'td-000009'"
"$GIT_TD" -C "$repo" commit -m "base" >/dev/null 2>&1 || fail "commit of the base"

git -C "$repo" checkout -q -b feature
sqlite3 "$db" "update issues set status = 'closed', closed_at = '2026-04-02 10:00:00+00:00',
    updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000001';
  update issues set status = 'open', closed_at = NULL, updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000002';
  update issues set title = 'Title from the branch', updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000003';
  update issues set description = 'line one' || char(10) || 'line 2' || char(10) || 'line three',
    updated_at = '2026-04-02 10:00:00+00:00' where id = 'td-000009';
  insert into logs (id, issue_id, session_id, message, timestamp) values
    ('lg-00000001', 'td-000001', 'ses_aaaaaa', 'Found it', '$t0'),
    ('lg-00000002', 'td-000001', 'ses_aaaaaa', 'Fixed it', '$t0');
  insert into comments (id, issue_id, session_id, text, created_at)
    values ('cm-00000001', 'td-000002', 'ses_aaaaaa', 'Fails again', '$t0')"
add_issue "$db" td-000004 "New | with a pipe"
"$GIT_TD" -C "$repo" commit -m "feature work" >/dev/null 2>&1 || fail "commit on the branch"

# Meanwhile, in a teammate's clone, main retitles td-000003 later (its
# title wins the merge) and adds an issue of its own. (In one clone a
# commit on any branch carries the whole task state, DESIGN §1.)
clone=$WORK/clone
git clone -q -b main "$repo" "$clone" && git -C "$clone" config user.name Teammate &&
  git -C "$clone" config user.email teammate@example.invalid
"$GIT_TD" -C "$clone" init >/dev/null 2>&1 || fail "git td init in the clone"
sqlite3 "$clone/.todos/issues.db" "update issues set title = 'Title from main',
  updated_at = '2026-04-03 10:00:00+00:00' where id = 'td-000003'"
add_issue "$clone/.todos/issues.db" td-000005 "Only on main"
"$GIT_TD" -C "$clone" commit -m "main work" >/dev/null 2>&1 || fail "commit on main in the clone"
git -C "$repo" fetch -q "$clone" main:main
git -C "$repo" merge -q --no-edit main >/dev/null 2>&1 || fail "merging main into the branch"

"$GIT_TD" -C "$repo" diff main...feature --markdown >"$WORK/summary.md" 2>"$WORK/err" || fail "diff --markdown: $(cat "$WORK/err")"
diff -u "$GITTD_SOURCE_DIR/tests/e2e/fixtures/pr_summary.md" "$WORK/summary.md" || fail "the Markdown summary differs from the fixture"

"$GIT_TD" -C "$repo" diff main...feature >"$WORK/human" 2>&1 || fail "diff"
grep -qx '  status: open -> closed' "$WORK/human" || fail "no status line: $(cat "$WORK/human")"
grep -q '^issues/td-000005' "$WORK/human" && fail "main's own issue is listed in main...feature"
assert_eq "$(sed -n '/td-000009/,/^[a-z]/p' "$WORK/human" | grep '^    [-+ ]' | tr '\n' '|')" \
  "     line one|    -line two|    +line 2|    +line three|" "the description as a line diff"
json=$("$GIT_TD" -C "$repo" --json diff main...feature) || fail "diff --json"
assert_eq "$(jq -c '[.counts.issues_created, .counts.issues_closed, .counts.issues_reopened, .counts.logs, .counts.comments, .counts.set_aside]' <<<"$json")" \
  "[1,1,1,2,1,1]" "counts in JSON"

# A pull request of 1,000 new issues, made in the teammate's clone.
git -C "$clone" checkout -q -b big
sqlite3 "$clone/.todos/issues.db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)
  insert into issues (id, title, created_at, updated_at)
  select printf('td-b%05d', i), 'A long title for a generated issue, number ' || i || ', to fill the table', '$t0', '$t0' from n"
"$GIT_TD" -C "$clone" commit -m "1,000 issues" >/dev/null 2>&1 || fail "commit of 1,000 issues"
git -C "$repo" fetch -q "$clone" big:big
"$GIT_TD" -C "$repo" diff main...big --markdown >"$WORK/big.md" || fail "diff of 1,000 issues"
size=$(wc -c <"$WORK/big.md")
[ "$size" -lt 65536 ] || fail "the summary of 1,000 issues has $size characters"
grep -q '^1000 created$' "$WORK/big.md" || fail "counts line of 1,000 issues: $(sed -n 3p "$WORK/big.md")"
grep -q 'and 950 more issues' "$WORK/big.md" || fail "no count of the rows left out"

# main moves on after the merge: A...B still shows only the branch's changes,
# A..B also main's new issue (absent on the branch: removed).
git -C "$clone" checkout -q main
add_issue "$clone/.todos/issues.db" td-000006 "Later on main"
"$GIT_TD" -C "$clone" commit -m "later on main" >/dev/null 2>&1 || fail "later commit on main"
git -C "$repo" fetch -q "$clone" main:main
"$GIT_TD" -C "$repo" diff main...feature --markdown >"$WORK/later.md" || fail "diff after main moved"
diff -u "$GITTD_SOURCE_DIR/tests/e2e/fixtures/pr_summary.md" "$WORK/later.md" || fail "main...feature changed when main moved on"
"$GIT_TD" -C "$repo" diff main..feature >"$WORK/two-dots" 2>&1 || fail "diff main..feature"
grep -q '^issues/td-000006  removed' "$WORK/two-dots" || fail "main..feature does not show main's new issue as removed"

status=0
"$GIT_TD" -C "$repo" diff nosuch...HEAD 2>"$WORK/err" || status=$?
assert_eq "$status" 1 "exit status of a range that names nothing"
grep -q "'nosuch'" "$WORK/err" || fail "the error does not name the revision: $(cat "$WORK/err")"
echo ok
