what="a timestamp on a date that does not exist"
where=".todos/export/issues/td-a00001.yaml:13:"
plant() { replace_line "$issue" created_at 'created_at: "2026-02-30T09:00:00Z"'; }
