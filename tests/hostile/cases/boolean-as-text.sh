what="a boolean field holding text"
where=".todos/export/issues/td-a00001.yaml:17:"
plant() { replace_line "$issue" minor 'minor: "x"'; }
