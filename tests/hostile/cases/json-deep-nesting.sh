what="a JSON record nested 100,000 levels deep"
where=".todos/export/issues/td-a0000f.json:1:"
plant() { "$PY" -c 'import sys; open(sys.argv[1], "w").write("{\"id\": \"td-a0000f\", \"x\": " + "[" * 100000 + "]" * 100000 + "}")' "$tree/issues/td-a0000f.json"; }
