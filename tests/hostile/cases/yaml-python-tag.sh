what="a YAML tag that asks a loader to build an object"
where=".todos/export/issues/td-a00001.yaml:2:"
plant() { replace_line "$issue" title 'title: !!python/object/apply:os.system ["touch /tmp/pwned"]'; }
