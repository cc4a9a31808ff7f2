#!/usr/bin/env bash
# `-C DIR` means "run as if started in DIR" (as with git -C): relative paths
# given with it (--db PATH, schema --write DIR) are taken relative to DIR,
# not to the directory git-td was started from.
source "$(dirname "$0")/lib/common.sh"
need_shared

repo=$WORK/repo
new_repo "$repo"
empty_td_db "$repo/.todos/other.db"
sqlite3 "$repo/.todos/other.db" "insert into issues (id, title) values ('td-000001', 'x')"
cd "$WORK" || exit   # not the repository

"$GIT_TD" -C repo --db .todos/other.db export >/dev/null 2>"$WORK/err" ||
  fail "-C repo --db .todos/other.db: $(cat "$WORK/err")"
[ -f repo/.todos/export/issues/td-000001.yaml ] || fail "-C repo --db .todos/other.db exported nothing"

"$GIT_TD" -C repo schema --write schemas || fail "-C repo schema --write schemas failed"
[ -f repo/schemas/issues.schema.json ] || fail "-C repo schema --write schemas did not write into repo/schemas"
[ ! -e schemas ] || fail "-C repo schema --write schemas wrote into the starting directory"
