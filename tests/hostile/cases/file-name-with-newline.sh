what="a record file name with a newline"
where=".todos/export/issues/td-a"
plant() { cp "$issue" "$tree/issues/td-a"$'\n'"00001.yaml"; }
