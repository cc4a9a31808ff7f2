what="a YAML merge key pulling fields into the record (no alias involved)"
where=".todos/export/issues/td-a00001.yaml:10:"
plant() { replace_line "$issue" acceptance $'<<: {title: Merged in}\nacceptance: ""'; }
check() { assert_eq "$(title_of "$db" td-a00001)" "Issue 1" "$what: td's title"; }
