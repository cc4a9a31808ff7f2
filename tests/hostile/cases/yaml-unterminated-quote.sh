what="malformed YAML: an unterminated double quote (libyaml names the line where the quote runs on)"
where=".todos/export/issues/td-a00001.yaml:3:"
plant() { replace_line "$issue" title 'title: "never closed'; }
