#!/usr/bin/env bash
# Usage errors say what to do: exit 2, a `git-td: error:` line that points at
# `git td -h` (git keeps `git td --help` for its man page lookup), and a
# mistyped command is named with the list of real ones. Every command's -h
# shows an example of its use.
source "$(dirname "$0")/lib/common.sh"

repo=$WORK/repo
new_repo "$repo"

status=0
"$GIT_TD" -C "$repo" exprot 2>"$WORK/err" || status=$?
assert_eq "$status" 2 "exit status of an unknown command"
grep -q "^git-td: error: 'exprot' is not a git td command; the commands are init, export, import" "$WORK/err" ||
  fail "unknown command message: $(cat "$WORK/err")"
grep -q "see git td -h" "$WORK/err" || fail "no pointer to git td -h: $(cat "$WORK/err")"

status=0
"$GIT_TD" -C "$repo" export --bogus 2>"$WORK/err" || status=$?
assert_eq "$status" 2 "exit status of an unknown option"
grep -q "^git-td: error: .*--bogus.*(see git td -h)" "$WORK/err" || fail "unknown option message: $(cat "$WORK/err")"

# `git td diff --db` (no path): the usage error says what diff without a range does.
status=0
"$GIT_TD" -C "$repo" diff --db 2>"$WORK/err" || status=$?
assert_eq "$status" 2 "exit status of diff --db without a path"
grep -q "'git td diff' with no range already compares td's database with the tree" "$WORK/err" ||
  fail "diff --db message: $(cat "$WORK/err")"

"$GIT_TD" -h >"$WORK/help" || fail "git-td -h failed"
grep -q "^Subcommands:" "$WORK/help" || fail "-h lists no commands"
# Every command's -h ends with an example of its use.
commands=$(sed -n '/^Subcommands:/,$p' "$WORK/help" | awk 'NR > 1 && /^  [a-z]/ {print $1}')
[ "$(wc -w <<<"$commands")" -ge 13 ] || fail "commands listed: $commands"
for command in $commands; do
  "$GIT_TD" "$command" -h >"$WORK/command-help" || fail "git td $command -h failed"
  grep -q "^Examples\?\( (.*)\)\?:$" "$WORK/command-help" || fail "git td $command -h has no example"
  grep -q "^  git td $command" "$WORK/command-help" || fail "git td $command -h: the example does not use it"
done
