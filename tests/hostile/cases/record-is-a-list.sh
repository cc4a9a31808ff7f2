what="a record file that holds a list, not a mapping"
where=".todos/export/issues/td-a00001.yaml:1:"
plant() { printf -- '- id: td-a00001\n- title: x\n' >"$issue"; }
