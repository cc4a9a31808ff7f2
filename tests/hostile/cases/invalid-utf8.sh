what="bytes that are not UTF-8 in a field"
where=".todos/export/issues/td-a00001.yaml:2:"
plant() { write_bytes "$issue" "open(sys.argv[1], 'rb').read().replace(b'title: Issue 1', b'title: Issue \\xff\\xfe')"; }
