what="a comment in a JSON record"
where=".todos/export/issues/td-a0000f.json"
plant() { printf '{\n  "id": "td-a0000f" /* hidden */\n}\n' >"$tree/issues/td-a0000f.json"; }
