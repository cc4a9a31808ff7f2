what="a kind folder that is a regular file"
where=".todos/export/logs"
plant() { echo "not a folder" >"$tree/logs"; }
