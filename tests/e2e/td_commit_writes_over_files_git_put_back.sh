#!/usr/bin/env bash
# `git td commit` carries td's state even when git put old files back over
# what export wrote (`git checkout -- .todos/export`, a stash, a reset):
# those files are no edit (time runs forward, DESIGN §3), so the commit's
# first import finds them and its export writes td's state over them. With
# more records than a lookup each is worth, that import lists the folder
# instead of looking each candidate up (tree_scan.cpp): this scenario has
# 300 issues, all of them candidates, a few of them put back.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export
td_repo "$repo" || fail "set-up"
sqlite3 "$db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 300)
  insert into issues (id, title, status, type, priority, created_at, updated_at)
  select printf('td-%06x', i), 'Issue number ' || i, 'open', 'task', 'P2',
    '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n"
"$GIT_TD" -C "$repo" commit -m "every issue" >/dev/null 2>&1 || fail "first git td commit"
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD -- .todos/export/issues | wc -l | tr -d ' ')" 300 \
  "issues in the first commit"

# td retitles every issue; export writes them all; git puts three old files back.
sqlite3 "$db" "update issues set title = 'Retitled ' || id, updated_at = '2026-05-01 09:00:00+00:00'"
"$GIT_TD" -C "$repo" export >/dev/null 2>&1 || fail "export of the new titles"
git -C "$repo" checkout -- .todos/export/issues/td-000001.yaml .todos/export/issues/td-000096.yaml \
  .todos/export/issues/td-00012c.yaml
grep -q '^title: Issue number 1$' "$tree/issues/td-000001.yaml" || fail "test set-up: the old file is not back"

"$GIT_TD" -C "$repo" commit -m "retitled" >/dev/null 2>"$WORK/commit.err" || { cat "$WORK/commit.err" >&2; fail "git td commit"; }
for id in td-000001 td-000096 td-00012c td-000002; do
  assert_eq "$(git -C "$repo" show "HEAD:.todos/export/issues/$id.yaml" | sed -n 's/^title: //p')" "Retitled $id" \
    "$id's title in the commit"
done
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "the export folder after git td commit"
assert_eq "$(title_of "$db" td-000001)" "Retitled td-000001" "td's title (the old file imported nothing)"
echo "ok"
