what="a field name of 1,010 bytes (the writer writes at most 1,000; libyaml reads up to 1,024)"
where=".todos/export/issues/td-a00001.yaml:27:"
plant() { printf '%s: x\n' "$(printf 'k%.0s' {1..1010})" >>"$issue"; }
