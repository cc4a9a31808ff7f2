#!/usr/bin/env bash
# One case of the hostile-input corpus (README.md): a repository set up with
# git-td (td's database with two issues, each with a comment; exported,
# committed, imported), the case plants its hostile input, runs one git-td
# command, and the runner holds what every case must:
#  - the command exits with the case's status (1: refused) and its error
#    (doctor: its report) contains the case's `where` (the file, and the
#    line where there is one);
#  - td's database (bytes, action_log, sync_conflicts), everything git-td
#    keeps in .git/git-td, the clone's config, the refs, HEAD, the index and
#    the worktree outside the tree are as the case left them (a case may
#    plant td's own edit, or a commit);
#  - the tree is as the case left it (git-td wrote nothing into it);
#  - nothing outside the repository changed ($outside: what links point at).
#
#   tests/hostile/run_case.sh tests/hostile/cases/NAME.sh
# A case sets `what` and `where`, defines plant(), and may set `run` (the
# git-td arguments, default: import), `status` (default 1), and define
# check() for what else must hold after the command.
source "$(dirname "$0")/../e2e/lib/common.sh"
need_shared
need_python
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db tree=$WORK/repo/.todos/export outside=$WORK/outside
# shellcheck disable=SC2034 # for the cases
issue=$tree/issues/td-a00001.yaml
mkdir -p "$outside/folder"
echo "a file outside the repository" >"$outside/secret.txt"
cp -r "$SCHEMA_SQL" "$outside/folder/"
new_repo "$repo"
empty_td_db "$db"
issues_with_comments "$db" 2
{ "$GIT_TD" -C "$repo" init && "$GIT_TD" -C "$repo" export && commit_all "$repo" export &&
  "$GIT_TD" -C "$repo" import; } >"$WORK/setup.log" 2>&1 || { cat "$WORK/setup.log" >&2; fail "setting up the repository"; }

# branch_mode_with_origin: this clone in branch mode, synced once with a new
# bare $WORK/origin.git (for the cases about what a remote serves).
branch_mode_with_origin() {
  "$GIT_TD" -C "$repo" init --mode branch >/dev/null 2>&1 || fail "git td init --mode branch"
  git init -q --bare "$WORK/origin.git"
  git -C "$repo" remote add origin "$WORK/origin.git"
  "$GIT_TD" -C "$repo" sync >/dev/null 2>&1 || fail "the first sync"
}
# write_bytes FILE PYTHON-EXPRESSION: FILE holds the bytes the expression gives.
# (The expression may read FILE: it is evaluated before FILE is opened for writing.)
write_bytes() { "$PY" -c 'import sys; data = eval(sys.argv[2]); open(sys.argv[1], "wb").write(data)' "$1" "$2"; }

run=(import) status=1 what="" where=""
plant() { :; }
check() { :; }
# shellcheck disable=SC1090 # the case, given on the command line
source "$1"
if [ -z "$what" ] || [ -z "$where" ]; then fail "$1 sets no 'what' or no 'where'"; fi

# rel PATH: PATH as git-td names it, from the top of the repository.
rel() { echo "${1#"$repo"/}"; }
state() {
  sha256sum "$db" | cut -d' ' -f1
  # git-td's own state (base stores, journals), the clone's config and the worktree beside the tree.
  (cd "$repo/.git/git-td" && find . -type f ! -name '*.lock' -print0 | sort -z | xargs -0 -r sha256sum)
  git -C "$repo" config --local -l
  git -C "$repo" status --porcelain --ignored --untracked-files=all -- . ':!.todos/export'
  sqlite3 "$db" "select count(*) from action_log; select count(*) from sync_conflicts"
  git -C "$repo" for-each-ref --format='%(refname) %(objectname)'
  git -C "$repo" symbolic-ref -q HEAD || true
  git -C "$repo" rev-parse HEAD
  git -C "$repo" ls-files -s | sha256sum
}
# Every entry by type, name and link target, and the bytes of every regular
# file (never opened through a link, never a FIFO or a device).
entries() { (cd "$1" && find . -printf '%y %p %l %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

plant
before=$(state) planted=$(entries "$tree") outside_before=$(entries "$outside")
rc=0
timeout 120 "$GIT_TD" -C "$repo" "${run[@]}" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" -ne 124 ] || fail "$what: 'git td ${run[*]}' hung (killed after 120 s)"
assert_eq "$rc" "$status" "$what: exit status of 'git td ${run[*]}' (stderr: $(head -c 2000 "$WORK/err"))"
# The error, or (doctor) the report on stdout, names it.
cat "$WORK/out" "$WORK/err" | grep -qF -- "$where" ||
  fail "$what: the error does not name '$where': $(head -c 2000 "$WORK/err")"
assert_eq "$(state)" "$before" "$what: the database, the base store, the refs or the index changed"
assert_eq "$(entries "$tree")" "$planted" "$what: git-td changed the tree"
assert_eq "$(entries "$outside")" "$outside_before" "$what: something outside the repository changed"
check
echo "ok: $what -> $(cat "$WORK/out" "$WORK/err" | grep -F -m1 -- "$where" | cut -c1-300)" >&2
