what="export of a row td holds under a name Windows reserves (aux)"
where="'aux'"
run=(export)
plant() {
  sqlite3 "$db" "insert into issues (id, title, created_at, updated_at)
    values ('aux', 'A device on Windows', '2026-04-02 09:00:00+00:00', '2026-04-02 09:00:00+00:00')"
}
