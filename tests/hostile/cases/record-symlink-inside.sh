what="a record file that is a symbolic link to another record of the tree"
where=".todos/export/issues/td-a00002.yaml"
plant() { rm "$tree/issues/td-a00002.yaml" && ln -s td-a00001.yaml "$tree/issues/td-a00002.yaml"; }
