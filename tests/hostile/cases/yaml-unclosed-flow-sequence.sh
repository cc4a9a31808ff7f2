what="malformed YAML: an unclosed flow sequence (libyaml names the line after it)"
where=".todos/export/issues/td-a00001.yaml:9:"
plant() { replace_line "$issue" labels "labels: [a, b"; }
