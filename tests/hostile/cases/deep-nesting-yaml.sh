what="a field nested 10,000 levels deep (YAML flow sequences)"
where=".todos/export/issues/td-a00001.yaml"
plant() { replace_line "$issue" acceptance "acceptance: $(printf '[%.0s' {1..10000})$(printf ']%.0s' {1..10000})"; }
