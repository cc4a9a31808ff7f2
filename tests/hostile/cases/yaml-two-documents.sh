what="two YAML documents in one record file"
where=".todos/export/issues/td-a00001.yaml"
plant() { printf -- '---\nid: td-a00001\ntitle: Other\n' >>"$issue"; }
