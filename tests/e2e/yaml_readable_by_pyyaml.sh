#!/usr/bin/env bash
# The canonical YAML must mean the same to a YAML 1.1 reader (PyYAML, as most
# editors and scripts use) as to git-td: random records with every quoting and
# block-scalar hazard, read by PyYAML, equal the same records' JSON.
source "$(dirname "$0")/lib/common.sh"
# Both checks must pass; fail runs when either does not.
# shellcheck disable=SC2015
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import yaml' 2>/dev/null ||
  fail "needs /usr/bin/python3 with PyYAML (python3-yaml); run scripts/install-deps"
"$GITTD_TOOLS_DIR/random_records" "$WORK" 2000
/usr/bin/python3 - "$WORK" <<'PY'
import glob, json, sys, yaml
mismatches = []
for path in glob.glob(sys.argv[1] + "/*.yaml"):
    with open(path, encoding="utf-8") as f:
        as_yaml = yaml.safe_load(f)
    with open(path[:-5] + ".json", encoding="utf-8") as f:
        as_json = json.load(f)
    if as_yaml != as_json:
        mismatches.append(path)
if mismatches:
    sys.exit("PyYAML reads differently: " + ", ".join(mismatches[:5]))
print("2000 records agree")
PY
