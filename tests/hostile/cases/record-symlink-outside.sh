what="a record file that is a symbolic link to a file outside the repository"
where=".todos/export/issues/td-a00001.yaml"
plant() { rm "$issue" && ln -s "$outside/secret.txt" "$issue"; }
