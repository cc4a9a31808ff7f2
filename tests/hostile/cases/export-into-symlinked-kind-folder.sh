what="export of td's new comment into a kind folder that is a symbolic link to a folder outside"
where=".todos/export/comments"
run=(export)
plant() {
  sqlite3 "$db" "insert into comments (id, issue_id, session_id, text, created_at)
    values ('cm-0000000f', 'td-a00001', 'ses_aaaaaa', 'New in td', '2026-04-02 09:00:00+00:00')"
  cp "$tree"/comments/* "$outside/folder/" && rm -r "$tree/comments" && ln -s "$outside/folder" "$tree/comments"
}
