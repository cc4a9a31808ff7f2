what="an integer beyond what td holds"
where=".todos/export/issues/td-a00001.yaml:7:"
plant() { replace_line "$issue" points 'points: 99999999999999999999999999'; }
