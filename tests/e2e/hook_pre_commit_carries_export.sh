#!/usr/bin/env bash
# With the hooks installed and git-td on PATH, `git commit` carries td's
# state: the pre-commit hook exports the database and stages .todos/export/.
#  - a commit of other work includes the record file of an issue changed with
#    sqlite3, with the new title, and leaves nothing unstaged in the tree;
#  - `git commit -a` (git builds the commit in a temporary index, named by
#    GIT_INDEX_FILE) carries it too;
#  - an issue deleted in td is deleted in the commit;
#  - `git commit PATHS` commits only those paths: the export is written but
#    not staged (staging it into git's temporary index alone would leave the
#    real index without it), a warning says so, and the next commit has it;
#  - a commit with nothing but a td change needs --allow-empty (git decides
#    that there is something to commit before it runs pre-commit), and then
#    carries it.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "First title"
add_issue "$db" td-000002 "Second issue"
record=.todos/export/issues/td-000001.yaml
committed_title() { git -C "$repo" show "HEAD:$record" | sed -n 's/^title: //p'; }

echo one >"$repo/code.txt"
git -C "$repo" add code.txt
git -C "$repo" commit -q -m "code and td" 2>"$WORK/commit.err" || { cat "$WORK/commit.err" >&2; fail "commit failed"; }
assert_eq "$(git -C "$repo" show --name-only --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  ".todos/export/issues/td-000001.yaml .todos/export/issues/td-000002.yaml code.txt " "files in the commit"
assert_eq "$(committed_title)" "First title" "title in the commit"
assert_eq "$(git -C "$repo" status --porcelain)" "" "git status after the commit"

# Changed with sqlite3, committed with -a.
set_title "$db" td-000001 "Retitled in td" "2026-04-02 10:00:00+00:00"
echo two >"$repo/code.txt"
git -C "$repo" commit -q -a -m "commit -a" 2>/dev/null || fail "commit -a failed"
assert_eq "$(committed_title)" "Retitled in td" "title after commit -a"
assert_eq "$(git -C "$repo" status --porcelain)" "" "git status after commit -a"

# Deleted in td.
sqlite3 "$db" "delete from issues where id = 'td-000002'"
echo three >"$repo/code.txt"
git -C "$repo" commit -q -a -m "td deletion" 2>/dev/null || fail "commit of a deletion failed"
assert_eq "$(git -C "$repo" show --name-status --format= HEAD -- .todos | tr '\t' ' ')" \
  "D .todos/export/issues/td-000002.yaml" "the deletion in the commit"

# A partial commit.
add_issue "$db" td-000003 "Made before a partial commit"
echo four >"$repo/code.txt"
(cd "$repo" && git commit -q -m partial code.txt 2>"$WORK/partial.err") || fail "partial commit failed"
assert_eq "$(git -C "$repo" show --name-only --format= HEAD)" "code.txt" "files in the partial commit"
grep -q "git-td: warning: 'git commit PATHS' commits only those paths" "$WORK/partial.err" ||
  { cat "$WORK/partial.err" >&2; fail "no warning about the partial commit"; }
assert_eq "$(git -C "$repo" status --porcelain)" "?? .todos/export/issues/td-000003.yaml" "git status after a partial commit"
echo five >"$repo/code.txt"
git -C "$repo" commit -q -a -m "after the partial commit" 2>/dev/null || fail "commit after the partial one failed"
git -C "$repo" cat-file -e HEAD:.todos/export/issues/td-000003.yaml || fail "the next commit does not carry td-000003"

# Only a td change.
set_title "$db" td-000001 "Only td changed" "2026-04-03 10:00:00+00:00"
git -C "$repo" commit -q --allow-empty -m "td only" 2>/dev/null || fail "commit --allow-empty failed"
assert_eq "$(committed_title)" "Only td changed" "title after a td-only commit"
assert_eq "$(git -C "$repo" show --name-only --format= HEAD)" "$record" "files in the td-only commit"

# A format switch by hand, then a commit with nothing staged: the commit
# carries every record in the new format and none in the old one.
"$GIT_TD" -C "$repo" export --format json >/dev/null 2>&1 || fail "export --format json failed"
git -C "$repo" commit -q --allow-empty -m "switch to json" 2>/dev/null || fail "commit of the switch failed"
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD .todos/export/issues | tr '\n' ' ')" \
  ".todos/export/issues/td-000001.json .todos/export/issues/td-000003.json " "records after the switch"
git -C "$repo" show HEAD:.todos/export/git-td.yaml | grep -q '^format: json' || fail "git-td.yaml not switched"
assert_eq "$(git -C "$repo" status --porcelain)" "" "git status after the switch"
