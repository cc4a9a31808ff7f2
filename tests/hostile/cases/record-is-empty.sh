what="an empty record file"
where=".todos/export/issues/td-a00001.yaml"
plant() { : >"$issue"; }
