what="a record named CON (reserved on Windows: a clone there could not check it out)"
where=".todos/export/issues/CON.yaml"
plant() { sed 's|^id: .*|id: CON|' "$issue" >"$tree/issues/CON.yaml"; }
