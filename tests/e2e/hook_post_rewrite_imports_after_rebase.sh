#!/usr/bin/env bash
# With the hooks installed, `git rebase` leaves td holding the rebased tree:
# post-rewrite imports it. Alice retitles one issue on her branch, Bob another
# on main (pushed to a shared remote); Alice rebases onto origin/main and her
# database holds both titles. Alice's post-checkout hook is removed, so only
# post-rewrite can have imported Bob's change.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

origin=$WORK/origin.git a=$WORK/alice b=$WORK/bob
td_repo "$a"
add_issue "$a/.todos/issues.db" td-000001 "First issue"
add_issue "$a/.todos/issues.db" td-000002 "Second issue"
git -C "$a" commit -q --allow-empty -m "two issues" 2>/dev/null || fail "first commit failed"
git clone -q --bare "$a" "$origin"
git -C "$a" remote add origin "$origin" && git -C "$a" fetch -q origin
git -C "$a" branch -q -u origin/main

git clone -q "$origin" "$b"
mkdir -p "$b/.todos"
empty_td_db "$b/.todos/issues.db"
"$GIT_TD" -C "$b" init >/dev/null 2>&1 || fail "bob's init failed"
"$GIT_TD" -C "$b" import >/dev/null 2>&1 || fail "bob's first import failed"
set_title "$b/.todos/issues.db" td-000002 "Bob's title" "2026-04-02 10:00:00+00:00"
git -C "$b" commit -q --allow-empty -m "bob retitles td-000002" 2>/dev/null || fail "bob's commit failed"
git -C "$b" push -q origin main 2>/dev/null || fail "bob's push failed"

rm "$a/.git/hooks/post-checkout"
set_title "$a/.todos/issues.db" td-000001 "Alice's title" "2026-04-03 10:00:00+00:00"
git -C "$a" commit -q --allow-empty -m "alice retitles td-000001" 2>/dev/null || fail "alice's commit failed"
git -C "$a" fetch -q origin
git -C "$a" rebase -q origin/main 2>"$WORK/rebase.err" || { cat "$WORK/rebase.err" >&2; fail "rebase failed"; }
assert_eq "$(git -C "$a" log --format=%s | tr '\n' '|')" "alice retitles td-000001|bob retitles td-000002|two issues|git-td init|" \
  "history after the rebase"
assert_eq "$(title_of "$a/.todos/issues.db" td-000002)" "Bob's title" "bob's title in alice's database"
assert_eq "$(title_of "$a/.todos/issues.db" td-000001)" "Alice's title" "alice's own title"
