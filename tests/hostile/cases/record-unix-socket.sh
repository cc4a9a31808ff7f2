what="a record file that is a Unix socket"
where=".todos/export/issues/td-a0000f.yaml"
plant() { "$PY" -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tree/issues/td-a0000f.yaml"; }
