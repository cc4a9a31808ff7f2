#!/usr/bin/env bash
# `git-td schema --write DIR` writes one JSON Schema per exported kind, and
# every file exported from the real databases (YAML and JSON trees) validates
# against its kind's schema (Draft 2020-12). The schemas are not vacuous: a
# record with a wrong type, a missing field or an unsafe id is rejected.
source "$(dirname "$0")/lib/common.sh"
need_realdata
need_python

"$GIT_TD" schema --write "$WORK/schemas" || fail "schema --write failed"
expected=$(for pair in $TD_KINDS; do echo "${pair#*:}.schema.json"; done | sort)
# The schema files have fixed ASCII names; ls lists exactly what was written.
# shellcheck disable=SC2012
assert_eq "$(ls "$WORK/schemas" | sort)" "$expected" "schema files written"
# `schema KIND` prints the same document.
"$GIT_TD" schema issues | jq -e --slurpfile w "$WORK/schemas/issues.schema.json" '. == $w[0]' >/dev/null ||
  fail "'git-td schema issues' differs from the written issues.schema.json"

for name in $(real_db_names); do
  real_repo "$name" "$WORK/${name%.db}"
  "$GIT_TD" -C "$WORK/${name%.db}" export >/dev/null || fail "$name: export failed"
  mkdir -p "$WORK/json" && real_repo "$name" "$WORK/json/${name%.db}"
  "$GIT_TD" -C "$WORK/json/${name%.db}" export --format json >/dev/null || fail "$name: json export failed"
done

"$PY" - "$WORK" <<'PY' || fail "exported files do not match their schemas"
import json, pathlib, sys, yaml
from jsonschema import Draft202012Validator
work = pathlib.Path(sys.argv[1])
validators = {}
for path in (work / "schemas").glob("*.schema.json"):
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    validators[path.name[: -len(".schema.json")]] = Draft202012Validator(schema)

def load(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)

checked, errors = 0, []
for path in sorted(work.glob("**/.todos/export/*/*")):
    validator = validators.get(path.parent.name)
    if validator is None:
        errors.append(f"{path}: no schema for folder {path.parent.name}")
        continue
    for e in validator.iter_errors(load(path)):
        errors.append(f"{path}: {e.json_path}: {e.message[:120]}")
    checked += 1
if errors:
    sys.exit("\n".join(errors[:20]))
if checked < 500:
    sys.exit(f"only {checked} files checked")

# Negative controls: each broken copy of a valid issue must be rejected.
issue = load(next(work.glob("*/.todos/export/issues/*.yaml")))
broken = {
    "minor as a string": {**issue, "minor": "no"},
    "points as text": {**issue, "points": "3"},
    "labels as text": {**issue, "labels": "a,b"},
    "unsafe id": {**issue, "id": "../x"},
    "local-time timestamp": {**issue, "created_at": "2026-04-04 03:13:49 -0400"},
    "missing title": {k: v for k, v in issue.items() if k != "title"},
}
accepted = [what for what, doc in broken.items() if validators["issues"].is_valid(doc)]
if accepted:
    sys.exit("issue schema accepts: " + ", ".join(accepted))
print(f"{checked} files valid")
PY
