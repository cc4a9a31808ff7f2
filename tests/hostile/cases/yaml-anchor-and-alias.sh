what="YAML anchors and aliases (a billion-laughs shape in small)"
where=".todos/export/issues/td-a00001.yaml:9:"
plant() { replace_line "$issue" labels $'labels: &a [x, x, x]\nacceptance_copy: *a'; }
