what="a JSON string with a lone UTF-16 surrogate"
where=".todos/export/issues/td-a0000f.json"
plant() { printf '{\n  "id": "td-a0000f",\n  "title": "\\ud800"\n}\n' >"$tree/issues/td-a0000f.json"; }
