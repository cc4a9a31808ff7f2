# shellcheck shell=bash
# Helpers for scenarios where the real td v0.62.0 (../shared/td/bin) makes
# every edit, on clones of one local bare repository set up with `git td
# init` (hooks installed, git-td and its merge driver on PATH). Source after
# common.sh and call need_td first.
#
# Every edit a scenario makes through td_* is remembered (issue titles and
# statuses, log messages, comments, handoffs), and verify_td checks, after
# each git step, that td's view of a clone holds all of them: tdread (td's own
# loader and integrity checks) exits 0 and its dump has every edit, no issue
# it should not have is deleted, and `td list --all --json` and
# `td show ID --json` work for every issue.

TD=$SHARED/td/bin/td TDREAD=$SHARED/td/bin/tdread
ORIGIN=$WORK/origin.git

need_td() {
  need_shared
  [ -x "$TD" ] || skip "../shared/td/bin has no td"
  [ -x "$TDREAD" ] || skip "../shared/td/bin has no tdread"
  [ -x "$(dirname "$GIT_TD")/git-td-merge-driver" ] || skip "git-td-merge-driver is not beside git-td"
  git_td_on_path
  export NO_COLOR=1
}

# td_in DIR ARGS...: the real td in DIR, as the clone's own user (session
# ses_<name of DIR>); fails the scenario when td fails.
td_in() {
  local dir=$1
  shift
  (cd "$dir" && TD_SESSION_ID=ses_$(basename "$dir") "$TD" "$@") 2>"$WORK/td.err" ||
    { cat "$WORK/td.err" >&2; fail "td $* in $dir failed"; }
}

# td_client_repo DIR: a new repository with a database td itself created
# (`td init`) and `git td init`'s setup (inline mode), nothing committed.
td_client_repo() {
  new_repo "$1"
  td_in "$1" init >/dev/null
  "$GIT_TD" -C "$1" init >/dev/null 2>&1 || fail "git td init in $1"
}

# Expected state: what every clone's td must hold once the edit reached it.
declare -gA EXP_TITLE=() EXP_STATUS=() EXP_DELETED=()
declare -ga EXP_LOGS=() EXP_COMMENTS=() EXP_HANDOFFS=()

# td_create DIR TITLE: creates an issue with td; its id is in $NEW_ID.
td_create() {
  td_in "$1" create "$2" >"$WORK/create.out"
  NEW_ID=$(sed -n 's/^CREATED \(td-[0-9a-f]*\)$/\1/p' "$WORK/create.out")
  [ -n "$NEW_ID" ] || fail "td create '$2' in $1 printed no id"
  EXP_TITLE[$NEW_ID]=$2 EXP_STATUS[$NEW_ID]=open
}
td_retitle() { td_in "$1" update "$2" --title "$3" >/dev/null && EXP_TITLE[$2]=$3; }
td_close() { td_in "$1" close "$2" >/dev/null && EXP_STATUS[$2]=closed && EXP_LOGS+=(Closed); }
td_start() { td_in "$1" start "$2" >/dev/null && EXP_STATUS[$2]=in_progress; }
td_log() { td_in "$1" log "$2" "$3" >/dev/null && EXP_LOGS+=("$3"); }
td_comment() { td_in "$1" comment "$2" "$3" >/dev/null && EXP_COMMENTS+=("$3"); }
td_handoff() { td_in "$1" handoff "$2" --done "$3" --remaining "more" >/dev/null && EXP_HANDOFFS+=("$3"); }

# dump DIR: tdread's dump of DIR's database in $WORK/dump.json; fails unless
# tdread exits 0.
dump() {
  "$TDREAD" -o "$WORK/dump.json" "$1/.todos/issues.db" 2>"$WORK/tdread.err" ||
    { cat "$WORK/tdread.err" >&2; fail "tdread exits $? on $1"; }
}

# verify_td DIR WHEN: td's view of DIR holds every expected edit.
verify_td() {
  local dir=$1 when=$2 id got msg
  dump "$dir"
  for id in "${!EXP_TITLE[@]}"; do
    got=$(jq -r --arg id "$id" '.issues[] | select(.id == $id) | [.title, .status, (.deleted_at != null)] | join("|")' "$WORK/dump.json")
    assert_eq "$got" "${EXP_TITLE[$id]}|${EXP_STATUS[$id]}|${EXP_DELETED[$id]:-false}" "$when: issue $id (title|status|deleted) in $(basename "$dir")"
  done
  got=$(jq '[.issues[] | select(.deleted_at != null)] | length' "$WORK/dump.json")
  assert_eq "$got" "${#EXP_DELETED[@]}" "$when: deleted issues in $(basename "$dir")"
  for msg in "${EXP_LOGS[@]}"; do
    jq -e --arg m "$msg" 'any(.logs[]?; .message == $m)' "$WORK/dump.json" >/dev/null ||
      fail "$when: log '$msg' missing in $(basename "$dir")"
  done
  for msg in "${EXP_COMMENTS[@]}"; do
    jq -e --arg m "$msg" 'any(.comments[]?; .text == $m)' "$WORK/dump.json" >/dev/null ||
      fail "$when: comment '$msg' missing in $(basename "$dir")"
  done
  for msg in "${EXP_HANDOFFS[@]}"; do
    jq -e --arg m "$msg" 'any(.handoffs[]?; .done | index($m))' "$WORK/dump.json" >/dev/null ||
      fail "$when: handoff '$msg' missing in $(basename "$dir")"
  done
  td_in "$dir" list --all --json >"$WORK/list.json"
  for id in "${!EXP_TITLE[@]}"; do
    [ "${EXP_DELETED[$id]:-false}" = true ] && continue
    jq -e --arg id "$id" 'any(.[]; .id == $id)' "$WORK/list.json" >/dev/null ||
      fail "$when: td list --all does not list $id in $(basename "$dir")"
  done
  for id in "${!EXP_TITLE[@]}"; do
    td_in "$dir" show "$id" --json | jq -e --arg id "$id" '.id == $id' >/dev/null ||
      fail "$when: td show $id --json in $(basename "$dir")"
  done
}

# local_rows DIR: counts of td's machine-local rows that hang on issues and of
# action_log, which no step back in history may touch.
local_rows() {
  sqlite3 "$1/.todos/issues.db" "select (select count(*) from issue_session_history) || ' session history, ' ||
    (select count(*) from action_log) || ' action_log'"
}

# git_ok DIR ARGS...: runs git in DIR; fails on an error or a git-td warning.
git_ok() {
  local dir=$1
  shift
  git -C "$dir" "$@" >"$WORK/git.out" 2>"$WORK/git.err" ||
    { cat "$WORK/git.out" "$WORK/git.err" >&2; fail "git $* in $dir failed"; }
  ! grep -q "git-td: warning" "$WORK/git.err" || { cat "$WORK/git.err" >&2; fail "git-td warnings from git $* in $dir"; }
}
# commit_td DIR MESSAGE: a commit of what td changed (pre-commit exports it;
# --allow-empty, because git decides a commit is empty before the hook runs).
commit_td() { git_ok "$1" commit -q --allow-empty -m "$2"; }

# first_clone DIR: clones the empty origin, `td init`, `git td init`, commits
# and pushes the setup.
first_clone() {
  git init -q --bare "$ORIGIN"
  git clone -q "$ORIGIN" "$1" 2>/dev/null || fail "clone into $1 failed"
  td_in "$1" init >/dev/null
  "$GIT_TD" -C "$1" init >"$WORK/init.out" 2>&1 || { cat "$WORK/init.out" >&2; fail "git td init in $1 failed"; }
  echo "code v0" >"$1/code.txt"
  git_ok "$1" add .gitignore code.txt
  commit_td "$1" "setup: td and git-td"
  git_ok "$1" push -q -u origin HEAD
}
# next_clone DIR: `git clone` and `git td init` (which creates td's database
# and imports the tree).
next_clone() {
  git clone -q "$ORIGIN" "$1" 2>/dev/null || fail "clone into $1 failed"
  "$GIT_TD" -C "$1" init >"$WORK/init.out" 2>&1 || { cat "$WORK/init.out" >&2; fail "git td init in $1 failed"; }
  grep -q "^created td database" "$WORK/init.out" || { cat "$WORK/init.out" >&2; fail "git td init made no database in $1"; }
}
