#!/usr/bin/env bash
# One record exports to the same bytes from any schema version: each real
# database (schemas 27-32) and a schema-38 database holding the same rows
# (columns the old schema lacks left to td's defaults) export identical trees.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_realdata

for name in $(real_db_names); do
  old=$WORK/old-${name%.db} new=$WORK/new-${name%.db}
  real_repo "$name" "$old"
  new_repo "$new" && empty_td_db "$new/.todos/issues.db" && "$GIT_TD" -C "$new" init >/dev/null
  "$PY" - "$old/.todos/issues.db" "$new/.todos/issues.db" "$TD_KINDS" <<'PY' || fail "$name: copying rows failed"
import sqlite3, sys
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
for table in (pair.split(":")[0] for pair in sys.argv[3].split()):
    if not src.execute("select 1 from sqlite_master where type='table' and name=?", (table,)).fetchone():
        continue
    known = {r[1] for r in dst.execute(f"pragma table_info({table})")}
    cols = [r[1] for r in src.execute(f"pragma table_info({table})") if r[1] in known]
    names = ",".join(cols)
    for row in src.execute(f"select {names} from {table} where id <> 'bd-all-issues'"):
        dst.execute(f"insert into {table} ({names}) values ({','.join('?' * len(cols))})", row)
dst.commit()
PY
  "$GIT_TD" -C "$old" export >/dev/null || fail "$name: export failed"
  "$GIT_TD" -C "$new" export >/dev/null || fail "$name: export of the schema-38 copy failed"
  diff -r "$old/.todos/export" "$new/.todos/export" >&2 ||
    fail "$name: exports differ between its own schema and schema 38"
done
