what="a record file name that is a directory"
where=".todos/export/issues/td-a0000f.yaml"
plant() { mkdir "$tree/issues/td-a0000f.yaml" && cp "$issue" "$tree/issues/td-a0000f.yaml/inner.yaml"; }
