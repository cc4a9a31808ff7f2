#!/usr/bin/env bash
# `git td log ID` (issue 11): one record's history through git, newest first.
#  - the real td creates an issue, retitles it, closes it; each change is
#    committed (git td commit) by a different author;
#  - a commit that did not touch the record is not listed, nor is a merge
#    that took one side's version unchanged, and only that side is followed
#    (the commits listed are those `git log -- FILE` lists);
#  - each entry names the commit, author, date and the fields changed;
#  - --json has the same commits;
#  - an unsafe id is refused before it becomes a path; an unknown id says so.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

repo=$WORK/repo
td_client_repo "$repo"
commit_as() { GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$1@example.invalid "$GIT_TD" -C "$repo" commit -m "$2" >/dev/null 2>&1 || fail "git td commit '$2'"; }
td_create "$repo" "First title" && id=$NEW_ID
commit_as Ann "create"
td_create "$repo" "Another issue" && other=$NEW_ID
commit_as Ben "another issue"
git -C "$repo" checkout -q -b side
td_retitle "$repo" "$id" "Second title"
commit_as Cai "retitle"
git -C "$repo" checkout -q main
# A code commit without the hooks: it does not carry task state.
echo code >"$repo/code.txt" && git -C "$repo" add code.txt && git -C "$repo" -c core.hooksPath=/dev/null commit -q -m "code only"
git -C "$repo" merge -q --no-edit side >/dev/null 2>&1 || fail "merge of side"
td_close "$repo" "$id"
commit_as Dee "close"

"$GIT_TD" -C "$repo" log "$id" >"$WORK/log" 2>"$WORK/err" || fail "git td log: $(cat "$WORK/err")"
assert_eq "$(grep -v '^    ' "$WORK/log" | awk '{ print $5, $7, $8 }' | tr '\n' '|')" \
  "Dee modified close|Cai modified retitle|Ann added create|" "the commits that changed the record"
grep -qx '    status: open -> closed' "$WORK/log" || fail "the close shows no status change: $(cat "$WORK/log")"
grep -qx '    title: First title -> Second title' "$WORK/log" || fail "the retitle shows no title change"
json=$("$GIT_TD" -C "$repo" --json log "$id") || fail "git td log --json"
assert_eq "$(jq -r '[.kind, (.commits | length), .commits[0].author, .commits[1].fields[0].field] | join(" ")' <<<"$json")" \
  "issues 3 Dee title" "the log in JSON"
assert_eq "$("$GIT_TD" -C "$repo" --json log "$other" | jq -r '.commits | map(.summary) | join(",")')" \
  "another issue" "the other issue's log"

# History simplified as git log does it: a side branch retitles the issue,
# the merge keeps main's version (-s ours), so only main is followed and the
# side's commit is not listed — exactly the commits `git log -- FILE` shows.
git -C "$repo" checkout -q -b side2
td_retitle "$repo" "$id" "A title the merge drops"
commit_as Eve "dropped retitle"
git -C "$repo" checkout -q main
git -C "$repo" merge -q -s ours --no-edit side2 >/dev/null 2>&1 || fail "merge -s ours"
assert_eq "$("$GIT_TD" -C "$repo" --json log "$id" | jq -r '.commits[].commit')" \
  "$(git -C "$repo" log --format=%H -- ".todos/export/issues/$id.yaml")" "the commits git log lists for the file"
if "$GIT_TD" -C "$repo" log "$id" | grep -q "dropped retitle"; then fail "the dropped side's commit is listed"; fi

status=0
"$GIT_TD" -C "$repo" log ../../etc/passwd 2>"$WORK/err" || status=$?
assert_eq "$status" 1 "exit status for an unsafe id"
grep -q "is not a record id" "$WORK/err" || fail "unsafe id message: $(cat "$WORK/err")"
"$GIT_TD" -C "$repo" log td-000000 2>"$WORK/err" && fail "an unknown id gave a log"
grep -q "no commit reachable from HEAD has this record" "$WORK/err" || fail "unknown id message: $(cat "$WORK/err")"
echo ok
