what="export of a row whose column (one this td version does not know) holds an infinite REAL"
where="issues row td-a00001"
run=(export)
plant() {
  sqlite3 "$db" "alter table issues add column weight real; update issues set weight = 1e999, title = 'Heavy'
    where id = 'td-a00001'"
}
