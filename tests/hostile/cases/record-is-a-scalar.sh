what="a record file that holds one scalar"
where=".todos/export/issues/td-a00001.yaml"
plant() { printf 'just some text\n' >"$issue"; }
