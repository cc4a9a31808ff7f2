what="a local YAML tag on a field"
where=".todos/export/issues/td-a00001.yaml:2:"
plant() { replace_line "$issue" title 'title: !secret Issue 1'; }
