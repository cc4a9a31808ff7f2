what="export of td's edit to a record whose file is a symbolic link to a file outside"
where=".todos/export/issues/td-a00001.yaml"
run=(export)
plant() {
  set_title "$db" td-a00001 "Edited in td" "2026-04-02 09:00:00+00:00"
  rm "$issue" && ln -s "$outside/secret.txt" "$issue"
}
