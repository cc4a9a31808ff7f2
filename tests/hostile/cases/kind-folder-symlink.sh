what="a kind folder that is a symbolic link to a folder outside holding a valid record"
where=".todos/export/issues"
plant() {
  cp "$tree"/issues/*.yaml "$outside/folder/"
  sed -i 's/^title: .*/title: Taken from outside/' "$outside/folder/td-a00001.yaml"
  rm -r "$tree/issues" && ln -s "$outside/folder" "$tree/issues"
}
