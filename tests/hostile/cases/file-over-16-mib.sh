what="a record file over 16 MiB"
where=".todos/export/issues/td-a00001.yaml"
plant() { write_bytes "$issue" "open(sys.argv[1], 'rb').read().replace(b'description: \"\"', b'description: \"' + b'x' * (17 * 1024 * 1024) + b'\"')"; }
