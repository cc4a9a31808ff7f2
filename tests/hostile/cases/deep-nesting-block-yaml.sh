what="a field nested 200 levels deep (YAML block mappings)"
where=".todos/export/issues/td-a00001.yaml"
plant() { "$PY" -c 'import sys; f = open(sys.argv[1], "a"); [f.write("  " * i + "k%d:\n" % i) for i in range(200)]; f.write("  " * 200 + "v\n")' "$issue"; }
