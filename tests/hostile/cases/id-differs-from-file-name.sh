what="an id that is not the file's name (a rename git paired wrongly)"
where=".todos/export/issues/td-a0000f.yaml:1:"
plant() { cp "$issue" "$tree/issues/td-a0000f.yaml"; }
