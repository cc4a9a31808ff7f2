what="a JSON record with a NUL byte, after which the file goes on (a reader that stopped there would ignore the rest; found by fuzzing)"
where=".todos/export/issues/td-a0000f.json:3:"
plant() { printf '{\n  "id": "td-a0000f"\n}\0{"title": "hidden"}\n' >"$tree/issues/td-a0000f.json"; }
