what="a status td does not know"
where=".todos/export/issues/td-a00001.yaml:4:"
plant() { replace_line "$issue" status 'status: pwned'; }
