what="a JSON number beyond a double (1e400; found by fuzzing: it escaped as an unexpected exception)"
where=".todos/export/issues/td-a0000f.json:3:"
plant() { printf '{\n  "id": "td-a0000f",\n  "points": 1e400\n}\n' >"$tree/issues/td-a0000f.json"; }
