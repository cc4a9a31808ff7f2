what="a YAML merge key pulling fields from elsewhere"
where=".todos/export/issues/td-a00001.yaml"
plant() { replace_line "$issue" acceptance $'base: &b {title: Merged in}\n<<: *b\nacceptance: ""'; }
