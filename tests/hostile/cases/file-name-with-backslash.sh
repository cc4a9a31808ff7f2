what="a record file name with a backslash"
where='issues/td\a00001.yaml'
plant() { cp "$issue" "$tree/issues/td\\a00001.yaml"; }
