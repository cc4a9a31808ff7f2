what="git-td.yaml a symbolic link to a file outside"
where="git-td.yaml"
plant() { rm "$tree/git-td.yaml" && ln -s "$outside/secret.txt" "$tree/git-td.yaml"; }
