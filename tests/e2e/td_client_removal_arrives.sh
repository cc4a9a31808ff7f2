#!/usr/bin/env bash
# A removal arriving from another clone, the real td v0.62.0 making every
# edit (DESIGN §3: a removal that arrives soft-deletes issues, notes and
# board positions, so the local-only rows hanging on them survive; rows of
# other kinds are deleted).
#  (1) Alice creates two issues, logs on both, starts one (td writes
#      issue_session_history), commits and pushes; Bob clones (`git td init`).
#  (2) Bob `git rm`s the file of one issue and one of its log files and
#      commits: the commit removes both files (pre-commit leaves them removed,
#      with a warning), and Bob's own td (post-commit imports) now has the
#      issue soft-deleted and the log gone.
#  (3) Bob pushes, Alice pulls: in Alice's td the issue is soft-deleted
#      (tdread: deleted_at set; td list hides it; `td show ID --json` works; its issue_session_history
#      rows survive), the log is gone, the issue's other log and the other
#      issue stay; tdread exits 0.
#  (4) A third clone (`git clone`, `git td init`) lists exactly the issues
#      Alice's td lists.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

a=$WORK/alice b=$WORK/bob c=$WORK/carol
first_clone "$a"

# log_file DIR MESSAGE: the record file of the log with MESSAGE.
log_file() {
  local f
  f=$(git -C "$1" grep -l -F "message: $2" -- .todos/export/logs)
  [ -n "$f" ] || fail "no log file holds '$2' in $1"
  echo "$f"
}
history_rows() { sqlite3 "$1/.todos/issues.db" "select count(*) from issue_session_history where issue_id = '$2'"; }

# (1) Alice's issues.
td_create "$a" "Issue whose file Bob removes" && x=$NEW_ID
td_create "$a" "Issue that stays" && y=$NEW_ID
td_start "$a" "$x"
td_log "$a" "$x" "Log whose file Bob removes"
td_log "$a" "$x" "Log that stays on the removed issue"
td_log "$a" "$y" "Log on the issue that stays"
commit_td "$a" "alice: two issues"
git_ok "$a" push -q
verify_td "$a" "(1) alice"
history=$(history_rows "$a" "$x")
[ "$history" -ge 1 ] || fail "(1) td wrote no issue_session_history for $x"
next_clone "$b"
verify_td "$b" "(1) bob's fresh clone"
gone_log=$(log_file "$b" "Log whose file Bob removes")

# (2) Bob removes the files.
git_ok "$b" rm -q ".todos/export/issues/$x.yaml" "$gone_log"
# (pre-commit warns that it left the two removed files alone; post-commit imports the removal)
git -C "$b" commit -q -m "bob: removes an issue and a log" >"$WORK/commit.out" 2>&1 ||
  { cat "$WORK/commit.out" >&2; fail "(2) bob's commit failed"; }
assert_eq "$(git -C "$b" show --name-status --format= HEAD | LC_ALL=C sort | tr '\n' ' ')" \
  "$(printf 'D\t%s\n' "$gone_log" ".todos/export/issues/$x.yaml" | LC_ALL=C sort | tr '\n' ' ')" "(2) what bob's commit changes"
EXP_DELETED[$x]=true
logs=()
for msg in "${EXP_LOGS[@]}"; do [ "$msg" = "Log whose file Bob removes" ] || logs+=("$msg"); done
EXP_LOGS=("${logs[@]}")
verify_td "$b" "(2) bob after his commit"
gone_id=$(basename "$gone_log" .yaml)
assert_eq "$(jq --arg id "$gone_id" '[.logs[] | select(.id == $id)] | length' "$WORK/dump.json")" 0 "(2) the removed log in bob's td"
assert_eq "$(git -C "$b" status --porcelain)" "" "(2) bob's worktree after the commit"

# (3) Alice pulls.
git_ok "$b" push -q
git_ok "$a" pull -q
verify_td "$a" "(3) alice after the pull"
assert_eq "$(jq --arg id "$gone_id" '[.logs[] | select(.id == $id)] | length' "$WORK/dump.json")" 0 "(3) the removed log in alice's td"
# (td show --json has no deleted_at even for td's own delete; td list hides deleted issues)
! td_in "$a" list --all --json | jq -e --arg id "$x" 'any(.[]; .id == $id)' >/dev/null || fail "(3) td list --all still lists $x"
assert_eq "$(history_rows "$a" "$x")" "$history" "(3) issue_session_history rows of $x in alice's td"

# (4) A third clone has no trace of the removed issue.
next_clone "$c"
unset "EXP_TITLE[$x]" "EXP_STATUS[$x]" "EXP_DELETED[$x]"
verify_td "$c" "(4) carol's fresh clone"
assert_eq "$(td_in "$c" list --all --json | jq -r '.[].id' | LC_ALL=C sort)" \
  "$(td_in "$a" list --all --json | jq -r '.[].id' | LC_ALL=C sort)" "(4) issues td lists in carol's and alice's clones"
echo "PASS"
