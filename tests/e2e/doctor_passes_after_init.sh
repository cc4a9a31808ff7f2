#!/usr/bin/env bash
# After `git td init` (with git-td and its merge driver installed and a td
# database), `git td doctor` finds nothing: exit 0, every finding ok. Then each
# kind of damage is found (exit 1, that check only), and running the fix
# doctor prints makes it pass again:
#  - a hook that lost its executable bit (fix: chmod +x);
#  - the merge driver config removed (fix: git td init);
#  - a driver that points to a missing program;
#  - a database of a schema version git-td does not read (26, 39), and one
#    that is not a database at all;
# and a branch-mode clone without hooks is healthy too.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path
if [ ! -x "$(dirname "$GIT_TD")/git-td-merge-driver" ] && ! command -v git-td-merge-driver >/dev/null; then
  mkdir -p "$WORK/driver-bin"  # a stand-in: the driver is built by merge-driver/
  printf '#!/bin/sh\nexit 0\n' >"$WORK/driver-bin/git-td-merge-driver"
  chmod +x "$WORK/driver-bin/git-td-merge-driver"
  PATH=$WORK/driver-bin:$PATH
fi

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "An issue"
git -C "$repo" commit -q --allow-empty -m issue 2>/dev/null

doctor() { (cd "$repo" && "$GIT_TD" --output json doctor 2>/dev/null); }
healthy() {  # WHEN
  local json
  json=$(doctor) || { jq . <<<"$json" >&2; fail "$1: doctor exited non-zero"; }
  assert_eq "$(jq -c '[.ok, .problems, ([.findings[].ok] | all)]' <<<"$json")" "[true,0,true]" "$1: doctor's verdict"
}
# broken WHEN CHECK: doctor fails on CHECK alone; prints its fix (the first one).
broken() {
  local json
  if json=$(doctor); then fail "$1: doctor exited 0"; fi
  assert_eq "$(jq -r '[.findings[] | select(.ok | not) | .check] | unique | join(" ")' <<<"$json")" "$2" "$1: failing checks"
  jq -r "[.findings[] | select(.ok | not) | .fix][0]" <<<"$json"
}

healthy "after init"
assert_eq "$(doctor | jq -r '.findings[] | select(.check == "database") | .message')" \
  "$(realpath "$db"): td schema version 38" "the database finding"

chmod -x "$repo/.git/hooks/post-merge"
fix=$(broken "hook not executable" hook:post-merge)
assert_eq "$fix" "chmod +x $(realpath "$repo")/.git/hooks/post-merge" "fix for a hook that is not executable"
(cd "$repo" && eval "$fix")
healthy "after chmod +x"

git -C "$repo" config --unset merge.td-record.driver
fix=$(broken "driver config removed" merge_driver)
assert_eq "$fix" "git td init" "fix for a missing driver config"
(cd "$repo" && eval "$fix" >/dev/null 2>&1)
healthy "after git td init"

git -C "$repo" config merge.td-record.driver "'$WORK/no such dir/git-td-merge-driver' %O %A %B %L %P"
broken "driver program missing" merge_driver >/dev/null
"$GIT_TD" -C "$repo" init >/dev/null 2>&1
healthy "after init again"

cp "$db" "$WORK/good.db"
for version in 26 39; do
  sqlite3 "$db" "update schema_info set value = '$version' where key = 'version'"
  broken "schema version $version" database >/dev/null
done
printf 'not a database at all, not even close, definitely not sqlite\n' >"$db"
broken "not a database" database >/dev/null
cp "$WORK/good.db" "$db"
healthy "with the database back"

"$GIT_TD" -C "$repo" init --mode branch >/dev/null 2>&1
healthy "in branch mode"
