#!/usr/bin/env bash
# `git pull --rebase` with local td commits, the real td v0.62.0 making every
# edit on two clones of one bare repository. The rebase first checks out the
# upstream commit, whose tree lacks the local commits' new records: that is a
# step back for them, never a deletion (DESIGN §3). After every step tdread
# exits 0 and shows every edit, and `td list --all --json` and
# `td show ID --json` work.
#  (1) Alice creates an issue and a log and commits; Bob creates an issue,
#      commits and pushes first; Alice pulls with --rebase: her issue and log
#      stay, Bob's arrive; Bob pulls and has everything.
#  (2) The same with two local commits, through `git fetch` and
#      `git rebase --exec CHECK origin/main`: after each replayed commit,
#      CHECK (tdread) sees all of Alice's and Bob's issues.
#  (3) The rebase stops on a conflict in a code file (both changed code.txt;
#      Alice's commit also carries td edits): while it is stopped, td holds
#      Alice's issues and Bob's; resolved and `git rebase --continue`d, td
#      still holds everything and HEAD carries Alice's edits; Bob pulls.
#  (4) A third clone (`git clone`, `git td init`) gets every issue.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
need_td

a=$WORK/alice b=$WORK/bob c=$WORK/carol
first_clone "$a"
next_clone "$b"

# pull_ok DIR ARGS...: git pull, no git-td warnings.
pull_ok() {
  local dir=$1
  shift
  git_ok "$dir" pull -q "$@"
}

# (1) A plain pull --rebase.
td_create "$a" "Alice's first issue" && a1=$NEW_ID
td_log "$a" "$a1" "Alice logs her first issue"
commit_td "$a" "alice: first issue"
verify_td "$a" "(1) alice before the pull"
td_create "$b" "Bob's first issue" && b1=$NEW_ID
td_log "$b" "$b1" "Bob logs his first issue"
commit_td "$b" "bob: first issue"
git_ok "$b" push -q
pull_ok "$a" --rebase
assert_eq "$(git -C "$a" log --format=%s -2 | tr '\n' '|')" "alice: first issue|bob: first issue|" "(1) alice's history"
verify_td "$a" "(1) alice after pull --rebase"
git_ok "$a" push -q
pull_ok "$b"
verify_td "$b" "(1) bob after his pull"

# (2) Two local commits, checked after each replayed one.
td_create "$a" "Alice's second issue" && a2=$NEW_ID
td_retitle "$a" "$a1" "Alice's first issue, retitled before the rebase"
commit_td "$a" "alice: second issue"
td_create "$a" "Alice's third issue" && a3=$NEW_ID
td_start "$a" "$a3"
commit_td "$a" "alice: third issue"
td_create "$b" "Bob's second issue" && b2=$NEW_ID
td_close "$b" "$b1"
commit_td "$b" "bob: second issue, closes his first"
git_ok "$b" push -q
for id in "${!EXP_TITLE[@]}"; do printf '%s\t%s\n' "$id" "${EXP_TITLE[$id]}"; done |
  jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {(.[0]): .[1]}) | add' >"$WORK/titles.json"
cat >"$WORK/check.sh" <<EOF
#!/bin/sh
# After each replayed commit: td reads the database, and every issue is there, undeleted, with its title.
"$TDREAD" -o "$WORK/during.json" "$a/.todos/issues.db" 2>/dev/null || { echo "tdread failed" >>"$WORK/during.err"; exit 0; }
jq -e --slurpfile t "$WORK/titles.json" '[.issues[] | select(.deleted_at == null) | {(.id): .title}] | add | contains(\$t[0])' \
  "$WORK/during.json" >/dev/null || echo "\$(git rev-parse --short HEAD): issues missing" >>"$WORK/during.err"
echo step >>"$WORK/during.steps"
EOF
git_ok "$a" fetch -q
git_ok "$a" rebase -q --exec "sh $WORK/check.sh" origin/main
[ ! -e "$WORK/during.err" ] || { cat "$WORK/during.err" >&2; fail "(2) td's view during the rebase"; }
assert_eq "$(wc -l <"$WORK/during.steps" | tr -d ' ')" 2 "(2) checks during the rebase"
verify_td "$a" "(2) alice after the rebase"
git_ok "$a" push -q
pull_ok "$b"
verify_td "$b" "(2) bob after his pull"

# (3) The rebase stops on a conflict in code.txt.
echo "alice's code" >"$a/code.txt"
td_create "$a" "Alice's issue in the conflicting commit" && a4=$NEW_ID
td_close "$a" "$a2"
td_log "$a" "$a4" "Alice logs in the conflicting commit"
git_ok "$a" add code.txt
commit_td "$a" "alice: code and td edits"
echo "bob's code" >"$b/code.txt"
td_create "$b" "Bob's issue while alice conflicts" && b3=$NEW_ID
td_retitle "$b" "$b2" "Bob's second issue, retitled"
git_ok "$b" add code.txt
commit_td "$b" "bob: code and an issue"
git_ok "$b" push -q
if git -C "$a" pull -q --rebase >"$WORK/pull.out" 2>&1; then
  cat "$WORK/pull.out" >&2
  fail "(3) the rebase did not stop on the conflict"
fi
grep -q "CONFLICT.*code.txt" "$WORK/pull.out" || { cat "$WORK/pull.out" >&2; fail "(3) the rebase stopped, but not on code.txt"; }
! grep -q "git-td: warning" "$WORK/pull.out" || { cat "$WORK/pull.out" >&2; fail "(3) git-td warnings from the stopped rebase"; }
[ -d "$a/.git/rebase-merge" ] || [ -d "$a/.git/rebase-apply" ] || fail "(3) no rebase in progress"
verify_td "$a" "(3) while the rebase is stopped"
echo "alice's and bob's code" >"$a/code.txt"
git_ok "$a" add code.txt
verify_td "$a" "(3) after resolving code.txt"
export GIT_EDITOR=true
git_ok "$a" rebase --continue
if [ -d "$a/.git/rebase-merge" ] || [ -d "$a/.git/rebase-apply" ]; then fail "(3) the rebase is still in progress"; fi
assert_eq "$(git -C "$a" log --format=%s -2 | tr '\n' '|')" "alice: code and td edits|bob: code and an issue|" "(3) alice's history"
verify_td "$a" "(3) alice after rebase --continue"
git -C "$a" show "HEAD:.todos/export/issues/$a2.yaml" | grep -qx "status: closed" || fail "(3) HEAD does not carry alice's close"
git -C "$a" cat-file -e "HEAD:.todos/export/issues/$a4.yaml" || fail "(3) HEAD does not carry alice's new issue"
git -C "$a" cat-file -e "HEAD:.todos/export/issues/$b3.yaml" || fail "(3) HEAD lost bob's new issue"
git_ok "$a" push -q
pull_ok "$b"
verify_td "$b" "(3) bob after his pull"

# (4) A third clone.
next_clone "$c"
verify_td "$c" "(4) a fresh clone"
assert_eq "$(td_in "$c" list --all --json | jq -r '.[].id' | LC_ALL=C sort)" \
  "$(td_in "$a" list --all --json | jq -r '.[].id' | LC_ALL=C sort)" "(4) issues td lists in carol's and alice's clones"
echo "PASS"
