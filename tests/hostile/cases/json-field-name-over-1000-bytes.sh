what="a JSON record with a field name of 1,010 bytes (the YAML writer writes at most 1,000)"
where=".todos/export/issues/td-a0000f.json:3:"
plant() { printf '{\n  "id": "td-a0000f",\n  "%s": 1\n}\n' "$(printf 'k%.0s' {1..1010})" >"$tree/issues/td-a0000f.json"; }
