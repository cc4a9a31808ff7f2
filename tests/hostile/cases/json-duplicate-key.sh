what="a JSON record with a field given twice"
where=".todos/export/issues/td-a0000f.json:3:"
plant() { printf '{\n  "id": "td-a0000f",\n  "id": "td-a0000e"\n}\n' >"$tree/issues/td-a0000f.json"; }
