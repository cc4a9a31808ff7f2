what="git conflict markers left in a record"
where=".todos/export/issues/td-a00001.yaml:2:"
plant() { replace_line "$issue" title $'<<<<<<< ours\ntitle: A\n=======\ntitle: B\n>>>>>>> theirs'; }
