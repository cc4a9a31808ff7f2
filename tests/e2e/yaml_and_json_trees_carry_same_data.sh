#!/usr/bin/env bash
# The two tree formats carry identical data: every YAML file of each real
# database parses with PyYAML and equals (same values, same key order) the JSON
# file that `git-td export --format json` writes for it; after the switch no .yaml
# record remains, git-td.yaml says format: json, and jq reads every file.
# JSON files are 2-space indented UTF-8 with a final newline. Switching back
# with --format yaml gives the original YAML tree byte for byte.
source "$(dirname "$0")/lib/common.sh"
need_realdata
need_python

for name in $(real_db_names); do
  repo=$WORK/${name%.db} export=$WORK/${name%.db}/.todos/export
  real_repo "$name" "$repo"
  "$GIT_TD" -C "$repo" export >/dev/null || fail "$name: yaml export failed"
  cp -a "$export" "$WORK/yaml-tree"

  out=$("$GIT_TD" -C "$repo" --json export --format json) || fail "$name: export --format json failed"
  assert_eq "$(jq -r .format <<<"$out")" json "$name: reported format"
  assert_eq "$(find "$export" -mindepth 2 -name '*.yaml' | wc -l)" 0 "$name: .yaml records left after switching"
  assert_eq "$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["format"])' \
    "$export/git-td.yaml")" json "$name: format recorded in git-td.yaml"
  find "$export" -mindepth 2 -name '*.json' -print0 | xargs -0 -n 50 jq empty ||
    fail "$name: jq cannot parse a JSON record"

  "$PY" - "$WORK/yaml-tree" "$export" <<'PY' || fail "$name: YAML and JSON trees differ"
import json, pathlib, sys, yaml
yaml_root, json_root = map(pathlib.Path, sys.argv[1:])
yaml_files = sorted(p.relative_to(yaml_root).with_suffix("") for p in yaml_root.glob("*/*.yaml"))
json_files = sorted(p.relative_to(json_root).with_suffix("") for p in json_root.glob("*/*.json"))
if yaml_files != json_files or not yaml_files:
    sys.exit(f"different record sets: {len(yaml_files)} yaml, {len(json_files)} json")
for rel in yaml_files:
    y = yaml.safe_load((yaml_root / rel).with_suffix(".yaml").read_text(encoding="utf-8"))
    text = (json_root / rel).with_suffix(".json").read_text(encoding="utf-8")
    j = json.loads(text)
    if text != json.dumps(j, indent=2, ensure_ascii=False) + "\n":
        sys.exit(f"{rel}: JSON is not 2-space indented, unescaped UTF-8 with a final newline")
    if y != j:
        diff = [k for k in set(y) | set(j) if y.get(k) != j.get(k)]
        sys.exit(f"{rel}: fields differ: {diff[:5]}")
    if list(y) != list(j):
        sys.exit(f"{rel}: key order differs")
PY

  "$GIT_TD" -C "$repo" export --format yaml >/dev/null || fail "$name: export --format yaml failed"
  diff -r "$WORK/yaml-tree" "$export" >&2 || fail "$name: switching back to YAML does not restore the tree"
  rm -rf "$WORK/yaml-tree"
done
