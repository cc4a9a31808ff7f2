#!/usr/bin/env bash
# Crash consistency (issue 13): `kill -9` at a random moment of `git td
# export`, `git td import`, `git td commit` and `git td sync`, TRIALS times
# each, the moment drawn from SEED. Each trial starts from a copy of one
# prepared state, and its operation was first run to the end on another copy
# (the reference). Right after the kill:
#   - td's database holds what it held before or what the reference made
#     (tdread's dump of every shared record: td's own loader and checks);
#   - every file in the export tree is as it was or the reference's, byte
#     for byte, or an empty file the journal of new files names (created,
#     not yet written: decision 115), which the next run removes; nothing
#     git would pick up lies anywhere else;
#   - `git fsck --strict` passes in every repository, and each branch is where
#     it was or on a commit with the reference's tree;
# then the same command, run again, ends where the reference ended: the same
# records (no td edit lost), the same tree, the same branch trees, no journal.
# One thing it does not mend by itself, as git does not: a lock file of git's
# that the kill left (a ref's, the index's). The run must stop, name it and
# say to remove it; the trial then removes it, as the user would.
# Not part of the default suite (scripts/test-crash runs it).
#
#   tests/crash/kill_trials.sh [TRIALS] [SEED]   defaults: 50 per command, seed 1
#
# Needs what the end-to-end scenarios need (GIT_TD, GITTD_SOURCE_DIR,
# GITTD_SHARED_DIR with td and tdread).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib/common.sh
source "$here/../e2e/lib/common.sh"
# shellcheck source=tests/e2e/lib/td_client.sh
source "$here/../e2e/lib/td_client.sh"
# shellcheck source=tests/e2e/lib/sync.sh
source "$here/../e2e/lib/sync.sh"
need_td
trials=${1:-50} seed=${2:-1}
RANDOM=$seed
export GIT_TD_NO_PROGRESS=1

# fill_db DB N FIRST: N issues from number FIRST, each with two logs, a
# comment and a handoff, written as td writes them.
fill_db() {
  sqlite3 "$1" "with recursive n(i) as (select $3 union all select i + 1 from n where i < $3 + $2 - 1)
    insert into issues (id, title, description, status, type, priority, created_at, updated_at)
      select printf('td-%06d', i), 'Issue ' || i, printf('%.300c', 'd'), 'open', 'task', 'P2',
        '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n;
    with recursive n(i) as (select $3 union all select i + 1 from n where i < $3 + $2 - 1)
    insert into logs (id, issue_id, session_id, message, type, timestamp)
      select printf('lg-%08x', i * 2), printf('td-%06d', i), 'ses_aaaaaa', 'Log ' || i, 'progress',
        '2026-04-01 09:01:00+00:00' from n
      union all select printf('lg-%08x', i * 2 + 1), printf('td-%06d', i), 'ses_aaaaaa', 'More ' || i,
        'progress', '2026-04-01 09:02:00+00:00' from n;
    with recursive n(i) as (select $3 union all select i + 1 from n where i < $3 + $2 - 1)
    insert into comments (id, issue_id, session_id, text, created_at)
      select printf('cm-%08x', i), printf('td-%06d', i), 'ses_aaaaaa', 'Comment ' || i,
        '2026-04-01 09:03:00+00:00' from n;
    with recursive n(i) as (select $3 union all select i + 1 from n where i < $3 + $2 - 1)
    insert into handoffs (id, issue_id, session_id, done, remaining, timestamp)
      select printf('ho-%08x', i), printf('td-%06d', i), 'ses_aaaaaa', '[\"step ' || i || '\"]', '[]',
        '2026-04-01 09:04:00+00:00' from n"
}

# retitle DB FROM TO WORD: issues FROM..TO retitled as td does (updated_at bumped).
retitle() {
  sqlite3 "$1" "update issues set title = '$4 ' || id, updated_at = '2026-04-02 10:00:00+00:00'
    where id between printf('td-%06d', $2) and printf('td-%06d', $3)"
}

records() { shared_state "$1"; }
export_files() { (cd "$1/.todos/export" 2>/dev/null && find . -type f ! -name '*.lock' | LC_ALL=C sort) || true; }
branch_tree() { git -C "$1" rev-parse -q --verify "$2^{tree}" 2>/dev/null || echo none; }

# check_tree DIR START REF: every file of DIR's export tree is START's or
# REF's (each file whole, old or new), or an empty file DIR's journal of new
# files names (created, not yet written: decision 115; the next run removes
# it); nothing git would pick up is a temporary.
check_tree() {
  local dir=$1 file journal=$1/.git/git-td/new-files.journal
  while IFS= read -r file; do
    if cmp -s "$dir/.todos/export/$file" "$2/.todos/export/$file" ||
      cmp -s "$dir/.todos/export/$file" "$3/.todos/export/$file"; then continue; fi
    if [ ! -s "$dir/.todos/export/$file" ] && [ -f "$journal" ] && grep -qF " ${file#./}" "$journal"; then
      EMPTY=$((EMPTY + 1))
      continue
    fi
    fail "$TRIAL: $file in the tree is neither as before, nor the reference's, nor an empty file the journal names"
  done < <(export_files "$dir")
  [ "$(git -C "$dir" status --porcelain --untracked-files=all | grep -c 'tmp-git-td')" = 0 ] ||
    fail "$TRIAL: git sees a temporary file"
}

# git_locks DIR...: git's lock files in the repositories DIR... (git-td's
# own flock files, which a dead process does not hold, left out).
git_locks() { find "$@" -name '*.lock' ! -path '*/git-td/*' ! -path '*/.todos/*' 2>/dev/null | LC_ALL=C sort; }

# again DIR ARGS...: `git td ARGS...` in DIR after a kill. A kill that
# landed while git's lock was held leaves the .lock file, and git-td, like
# git, refuses to guess that it is stale: the run must stop naming it and
# saying what to do; then the file is removed, as the user would, and the
# command run once more. Counts such locks in LOCKS.
LOCKS=0
again() {
  local dir=$1 locks
  shift
  "$GIT_TD" -C "$dir" "$@" >/dev/null 2>"$WORK/again.err" && return 0
  locks=$(git_locks "$dir/.git" "${LOCK_DIRS[@]}")
  [ -n "$locks" ] || { cat "$WORK/again.err" >&2; fail "$TRIAL: git td $* again"; }
  grep -qF "remove that .lock file and run the command again" "$WORK/again.err" ||
    { cat "$WORK/again.err" >&2; fail "$TRIAL: git td $* again: the error does not say what to do about $locks"; }
  LOCKS=$((LOCKS + $(wc -l <<<"$locks")))
  xargs rm -f <<<"$locks"
  "$GIT_TD" -C "$dir" "$@" >/dev/null 2>"$WORK/again.err" ||
    { cat "$WORK/again.err" >&2; fail "$TRIAL: git td $* after removing $locks"; }
}
LOCK_DIRS=()

fsck() { git -C "$1" fsck --strict --no-dangling --no-progress >/dev/null 2>"$WORK/fsck.err" ||
  { cat "$WORK/fsck.err" >&2; fail "$TRIAL: git fsck in $1"; }; }

# kill_at DELAY CMD...: runs CMD, kills it with SIGKILL after DELAY seconds;
# counts whether it was still running.
KILLED=0 FINISHED=0 EMPTY=0
kill_at() {
  local delay=$1 pid status=0
  shift
  "$@" >"$WORK/run.out" 2>"$WORK/run.err" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || status=$?
  if [ "$status" = 137 ]; then KILLED=$((KILLED + 1)); else
    [ "$status" = 0 ] || { cat "$WORK/run.err" >&2; fail "$TRIAL: the command failed on its own ($status)"; }
    FINISHED=$((FINISHED + 1))
  fi
}

# timed DIR CMD...: runs CMD to the end; its duration in seconds in $DURATION.
timed() {
  local start end
  start=$(date +%s%N)
  "$@" >"$WORK/run.out" 2>"$WORK/run.err" || { cat "$WORK/run.err" >&2; fail "reference: $* failed"; }
  end=$(date +%s%N)
  DURATION=$(((end - start) / 1000000))
}
# A moment in [0, the reference's duration + 20%], in seconds.
moment() { awk -v ms="$DURATION" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.2 * r / 32767 / 1000 }'; }

# --- export: a database nobody exported yet, the full tree written ---------
prepare_export() {
  local p=$WORK/export
  mkdir -p "$p"
  new_repo "$p/start" && empty_td_db "$p/start/.todos/issues.db"
  "$GIT_TD" -C "$p/start" init >/dev/null 2>&1 || fail "git td init"
  commit_all "$p/start" "git-td init"
  fill_db "$p/start/.todos/issues.db" 300 1
  cp -a "$p/start" "$p/ref"
  timed "$GIT_TD" -C "$p/ref" export
  records "$p/start" >"$p/records.before"
}
trial_export() {
  local p=$WORK/export t=$WORK/trial
  rm -rf "$t" && cp -a "$p/start" "$t"
  kill_at "$(moment)" "$GIT_TD" -C "$t" export
  records "$t" >"$WORK/records.now"
  cmp -s "$WORK/records.now" "$p/records.before" || fail "$TRIAL: the export changed td's records"
  check_tree "$t" "$p/start" "$p/ref"
  again "$t" export
  assert_eq "$(export_files "$t" | (cd "$t/.todos/export" && xargs -r sha256sum))" \
    "$(export_files "$p/ref" | (cd "$p/ref/.todos/export" && xargs -r sha256sum))" "$TRIAL: the tree after export again"
  [ ! -e "$t/.git/git-td/new-files.journal" ] || fail "$TRIAL: a journal outlived the export after the kill"
}

# --- import: a fresh clone's tree into a new, empty database ----------------
prepare_import() {
  local p=$WORK/import
  mkdir -p "$p"
  cp -a "$WORK/export/ref" "$p/start"
  commit_all "$p/start" "records"
  rm -rf "$p/start/.git/git-td" "$p/start/.todos/issues.db"*
  empty_td_db "$p/start/.todos/issues.db"
  records "$p/start" >"$p/records.before"
  cp -a "$p/start" "$p/ref"
  timed "$GIT_TD" -C "$p/ref" import
  records "$p/ref" >"$p/records.after"
}
trial_import() {
  local p=$WORK/import t=$WORK/trial
  rm -rf "$t" && cp -a "$p/start" "$t"
  kill_at "$(moment)" "$GIT_TD" -C "$t" import
  records "$t" >"$WORK/records.now"
  cmp -s "$WORK/records.now" "$p/records.before" || cmp -s "$WORK/records.now" "$p/records.after" ||
    fail "$TRIAL: td's records are neither as before nor as after the import"
  check_tree "$t" "$p/start" "$p/ref"
  again "$t" import
  records "$t" >"$WORK/records.now"
  cmp -s "$WORK/records.now" "$p/records.after" || fail "$TRIAL: td's records after import again"
}

# --- git td commit: td edits since the last commit, exported and committed --
prepare_commit() {
  local p=$WORK/commit
  mkdir -p "$p"
  cp -a "$WORK/export/ref" "$p/start"
  commit_all "$p/start" "records"
  retitle "$p/start/.todos/issues.db" 50 199 "Retitled"
  fill_db "$p/start/.todos/issues.db" 150 301
  git -C "$p/start" rev-parse HEAD >"$p/head.before"
  cp -a "$p/start" "$p/ref"
  timed "$GIT_TD" -C "$p/ref" commit -m "td"
}
trial_commit() {
  local p=$WORK/commit t=$WORK/trial head
  rm -rf "$t" && cp -a "$p/start" "$t"
  kill_at "$(moment)" "$GIT_TD" -C "$t" commit -m "td"
  fsck "$t"
  head=$(git -C "$t" rev-parse HEAD)
  [ "$head" = "$(cat "$p/head.before")" ] || [ "$(branch_tree "$t" HEAD)" = "$(branch_tree "$p/ref" HEAD)" ] ||
    fail "$TRIAL: HEAD moved to a commit that is not the reference's tree"
  check_tree "$t" "$p/start" "$p/ref"
  again "$t" commit -m "td"
  assert_eq "$(branch_tree "$t" HEAD)" "$(branch_tree "$p/ref" HEAD)" "$TRIAL: HEAD's tree after commit again"
  assert_eq "$(git -C "$t" status --porcelain -- .todos)" "" "$TRIAL: git status after commit again"
}

# --- git td sync: local td edits, and a remote that moved ------------------
prepare_sync() {
  local p=$WORK/sync
  mkdir -p "$p"
  git init -q --bare "$p/origin.git"
  mkdir -p "$p/a" && git -C "$p/a" init -q && echo code >"$p/a/code.txt" && printf '.todos/\n' >"$p/a/.gitignore"
  commit_all "$p/a" code && git -C "$p/a" remote add origin "$p/origin.git" && git -C "$p/a" push -q origin HEAD
  mkdir -p "$p/a/.todos" && empty_td_db "$p/a/.todos/issues.db"
  "$GIT_TD" -C "$p/a" init --mode branch >/dev/null 2>&1 || fail "git td init --mode branch"
  fill_db "$p/a/.todos/issues.db" 250 1
  "$GIT_TD" -C "$p/a" sync >/dev/null 2>&1 || fail "first sync"
  git clone -q "$p/origin.git" "$p/start"
  "$GIT_TD" -C "$p/start" init --mode branch >/dev/null 2>&1 || fail "git td init in the second clone"
  "$GIT_TD" -C "$p/start" sync >/dev/null 2>&1 || fail "the second clone's first sync"
  retitle "$p/a/.todos/issues.db" 1 100 "Remote"
  fill_db "$p/a/.todos/issues.db" 60 251
  "$GIT_TD" -C "$p/a" sync >/dev/null 2>&1 || fail "the remote's sync"
  retitle "$p/start/.todos/issues.db" 50 150 "Local"
  fill_db "$p/start/.todos/issues.db" 60 311
  cp -a "$p/origin.git" "$p/origin.start"
  records "$p/start" >"$p/records.before"
  SYNC_REF=$(git -C "$p/origin.git" for-each-ref --format='%(refname)' refs/heads | grep -v '/main$' | head -1)
  [ -n "$SYNC_REF" ] || fail "the remote has no git-td branch"
  git -C "$p/origin.git" rev-parse "$SYNC_REF" >"$p/remote.before"
  sync_copy "$p/ref"
  timed "$GIT_TD" -C "$p/ref/clone" sync
  records "$p/ref/clone" >"$p/records.after"
}
# sync_copy DIR: the second clone and the remote as they were, in DIR.
sync_copy() {
  rm -rf "$1" && mkdir -p "$1"
  cp -a "$WORK/sync/start" "$1/clone" && cp -a "$WORK/sync/origin.start" "$1/origin.git"
  git -C "$1/clone" remote set-url origin "$1/origin.git"
}
trial_sync() {
  local p=$WORK/sync t=$WORK/trial remote
  sync_copy "$t"
  kill_at "$(moment)" "$GIT_TD" -C "$t/clone" sync
  fsck "$t/clone"
  fsck "$t/origin.git"
  records "$t/clone" >"$WORK/records.now"
  cmp -s "$WORK/records.now" "$p/records.before" || cmp -s "$WORK/records.now" "$p/records.after" ||
    fail "$TRIAL: td's records are neither as before nor as after the sync"
  remote=$(git -C "$t/origin.git" rev-parse "$SYNC_REF")
  [ "$remote" = "$(cat "$p/remote.before")" ] ||
    [ "$(branch_tree "$t/origin.git" "$SYNC_REF")" = "$(branch_tree "$p/ref/origin.git" "$SYNC_REF")" ] ||
    fail "$TRIAL: the remote branch moved to a tree that is not the reference's"
  LOCK_DIRS=("$t/origin.git")
  again "$t/clone" sync
  records "$t/clone" >"$WORK/records.now"
  cmp -s "$WORK/records.now" "$p/records.after" || fail "$TRIAL: td's records after sync again"
  assert_eq "$(branch_tree "$t/origin.git" "$SYNC_REF")" "$(branch_tree "$p/ref/origin.git" "$SYNC_REF")" \
    "$TRIAL: the remote branch's tree after sync again"
}

for command in export import commit sync; do
  "prepare_$command"
  KILLED=0 FINISHED=0 EMPTY=0 LOCKS=0
  for n in $(seq "$trials"); do
    TRIAL="$command trial $n (seed $seed)"
    "trial_$command"
  done
  echo "$command: $trials trials, $KILLED killed midway, $FINISHED finished before the kill" \
    "(reference ${DURATION} ms); right after a kill: $EMPTY empty journaled files, $LOCKS git lock files left"
done
echo "ok"
