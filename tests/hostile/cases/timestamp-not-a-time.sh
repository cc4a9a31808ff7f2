what="a timestamp that is no time"
where=".todos/export/issues/td-a00001.yaml:13:"
plant() { replace_line "$issue" created_at 'created_at: "yesterday at noon"'; }
