what="an id with path separators in the file"
where=".todos/export/issues/td-a0000f.yaml:1:"
plant() { sed 's|^id: .*|id: ../../../x|' "$issue" >"$tree/issues/td-a0000f.yaml"; }
