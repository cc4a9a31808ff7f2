what="the tree's .gitattributes a symbolic link to a file outside"
where=".todos/export/.gitattributes"
plant() { rm -f "$tree/.gitattributes" && ln -s "$outside/secret.txt" "$tree/.gitattributes"; }
