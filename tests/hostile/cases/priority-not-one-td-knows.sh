what="a priority td does not know"
where=".todos/export/issues/td-a00001.yaml:6:"
plant() { replace_line "$issue" priority 'priority: P9'; }
