what="a list field holding an integer"
where=".todos/export/issues/td-a00001.yaml:8:"
plant() { replace_line "$issue" labels 'labels: 7'; }
