what="a text field holding a list"
where=".todos/export/issues/td-a00001.yaml:2:"
plant() { replace_line "$issue" title 'title: [a, b]'; }
