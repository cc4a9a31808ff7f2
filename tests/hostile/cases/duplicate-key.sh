what="a field given twice"
where=".todos/export/issues/td-a00001.yaml:3:"
plant() { replace_line "$issue" description $'title: A second title\ndescription: ""'; }
