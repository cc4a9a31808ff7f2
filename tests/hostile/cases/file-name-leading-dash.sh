what="a record file name that starts with a dash (an option to a shell command)"
where=".todos/export/issues/-rf.yaml"
plant() { sed 's|^id: .*|id: -rf|' "$issue" >"$tree/issues/-rf.yaml"; }
