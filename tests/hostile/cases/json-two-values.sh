what="two JSON values in one record file"
where=".todos/export/issues/td-a0000f.json"
plant() { printf '{"id": "td-a0000f"}\n{"id": "td-a0000e"}\n' >"$tree/issues/td-a0000f.json"; }
