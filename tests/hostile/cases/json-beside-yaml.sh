what="a changed .json file beside a record's .yaml file"
where=".todos/export/issues/td-a00001.json"
plant() { "$PY" -c 'import json, sys, yaml; d = yaml.safe_load(open(sys.argv[1])); d["title"] = "Other"; print(json.dumps(d))' "$issue" >"$tree/issues/td-a00001.json"; }
