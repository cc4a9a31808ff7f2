what="a record file that is a symbolic link to nothing"
where=".todos/export/issues/td-a0000f.yaml"
plant() { ln -s "$outside/not-there.yaml" "$tree/issues/td-a0000f.yaml"; }
