what="a record file named '...yaml' (an id of two dots)"
where=".todos/export/issues/...yaml"
plant() { cp "$issue" "$tree/issues/...yaml"; }
