what="a JSON record with NaN, which JSON does not have"
where=".todos/export/issues/td-a0000f.json:3:"
plant() { printf '{\n  "id": "td-a0000f",\n  "points": NaN\n}\n' >"$tree/issues/td-a0000f.json"; }
