#!/usr/bin/env bash
# Every real td database (schemas 27-32) exports one file per shared row: each
# kind's folder holds exactly as many <id>.yaml files as its table has rows, each
# file's id matches its name, and a second export is a true no-op (0 written,
# 0 removed, git status clean, files neither rewritten nor touched).
source "$(dirname "$0")/lib/common.sh"
need_realdata
need_python

for name in $(real_db_names); do
  repo=$WORK/${name%.db}
  real_repo "$name" "$repo"
  "$GIT_TD" -C "$repo" export >/dev/null || fail "$name: export failed"
  db=$repo/.todos/issues.db export=$repo/.todos/export

  total=0
  for pair in $TD_KINDS; do
    table=${pair%%:*} folder=${pair#*:}
    rows=$(td_rows "$db" "$table")
    assert_eq "$(count_files "$export/$folder")" "$rows" "$name: files in $folder/ vs rows in $table"
    total=$((total + rows))
  done
  [ "$total" -gt 0 ] || fail "$name: no rows at all?"
  # Nothing but the kind folders, git-td.yaml and .gitattributes in the tree.
  assert_eq "$(count_files "$export")" "$((total + 2))" "$name: files in the whole export tree"

  "$PY" - "$export" <<'PY' || fail "$name: file names and ids disagree"
import pathlib, sys, yaml
bad = []
for path in pathlib.Path(sys.argv[1]).glob("*/*"):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path.suffix != ".yaml" or not isinstance(doc, dict) or doc.get("id") != path.stem \
            or next(iter(doc)) != "id":
        bad.append(str(path))
if bad:
    sys.exit("bad files: " + ", ".join(bad[:5]))
PY

  commit_all "$repo" "first export"
  # Backdate every file: a rewrite (even of identical bytes) would show in mtime or inode.
  find "$export" -type f -exec touch -d '2001-01-01 00:00:00 UTC' {} +
  before=$(cd "$export" && find . -type f -printf '%p %i %T@\n' | sort)
  out=$("$GIT_TD" -C "$repo" --output json export) || fail "$name: second export failed"
  assert_eq "$(jq -c '[.records, (.written|length), (.removed|length)]' <<<"$out")" "[$total,0,0]" \
    "$name: second export [records, written, removed]"
  assert_eq "$(git -C "$repo" status --porcelain)" "" "$name: git status after second export"
  after=$(cd "$export" && find . -type f -printf '%p %i %T@\n' | sort)
  [ "$before" = "$after" ] || fail "$name: second export touched files: $(diff <(echo "$before") <(echo "$after") | head -5)"
done
