#!/usr/bin/env bash
# The merge driver init configures is git-td-merge-driver beside the running
# git-td (found through /proc/self/exe) when it is there, else the bare name
# for PATH to resolve at merge time. A path with a space, a quote and a `%`
# is quoted so that git's shell runs it and git's %-expansion leaves it whole:
# a real `git merge` of a record changed on both sides calls it with the five
# arguments %O %A %B %L %P.
source "$(dirname "$0")/lib/common.sh"
need_shared

bin="$WORK/it's 100% bin"
mkdir -p "$bin"
cp "$GIT_TD" "$bin/git-td"

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/issues.db"

# No sibling: the bare name.
"$bin/git-td" -C "$repo" init >/dev/null 2>"$WORK/init.err" || fail "init without a sibling driver failed"
assert_eq "$(git -C "$repo" config merge.td-record.driver)" "git-td-merge-driver %O %A %B %L %P" "driver without a sibling"
if ! command -v git-td-merge-driver >/dev/null; then
  grep -q "git-td-merge-driver is neither beside" "$WORK/init.err" || fail "init did not warn that the driver is missing"
fi

# A sibling (a stand-in that records its arguments and keeps ours): its path, quoted.
cat >"$bin/git-td-merge-driver" <<STUB
#!/bin/sh
printf '%s\n' "\$@" >"$WORK/driver-args"
exit 0
STUB
chmod +x "$bin/git-td-merge-driver"
"$bin/git-td" -C "$repo" init >/dev/null 2>"$WORK/init.err" || fail "init with a sibling driver failed"
assert_eq "$(git -C "$repo" config merge.td-record.driver)" \
  "'$WORK/it'\\''s 100%% bin/git-td-merge-driver' %O %A %B %L %P" "driver beside git-td"
! grep -q "neither beside" "$WORK/init.err" || fail "init warned although the driver is beside it"

# git runs it: both branches change one record file.
record=.todos/export/issues/td-000001.yaml
mkdir -p "$repo/.todos/export/issues"
printf 'id: td-000001\ntitle: base\n' >"$repo/$record"
git -C "$repo" add -A && git -C "$repo" commit -q --no-verify -m base
git -C "$repo" checkout -q -b other
printf 'id: td-000001\ntitle: theirs\n' >"$repo/$record"
git -C "$repo" commit -q --no-verify -am theirs
git -C "$repo" checkout -q main
printf 'id: td-000001\ntitle: ours\n' >"$repo/$record"
git -C "$repo" commit -q --no-verify -am ours
git -C "$repo" merge -q --no-verify -m merged other 2>"$WORK/merge.err" >/dev/null ||
  { cat "$WORK/merge.err" >&2; fail "git merge with the driver failed"; }
[ -f "$WORK/driver-args" ] || fail "git did not run the configured driver"
assert_eq "$(sed -n '4,5p' "$WORK/driver-args" | tr '\n' ' ')" "7 $record " "%L and %P the driver got"
assert_eq "$(wc -l <"$WORK/driver-args" | tr -d ' ')" 5 "arguments the driver got"
