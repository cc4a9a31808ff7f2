what=".todos/export itself a symbolic link to a folder outside"
where=".todos/export"
plant() { cp -r "$tree/." "$outside/folder/" && rm -r "$tree" && ln -s "$outside/folder" "$tree"; }
