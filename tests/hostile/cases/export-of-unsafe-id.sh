what="export of a row td holds under an id with path separators (written by another tool)"
where="../../x"
run=(export)
plant() {
  sqlite3 "$db" "insert into issues (id, title, created_at, updated_at)
    values ('../../x', 'Escaping', '2026-04-02 09:00:00+00:00', '2026-04-02 09:00:00+00:00')"
}
