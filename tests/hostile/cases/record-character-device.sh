what="a record file that is a character device (like /dev/zero: endless bytes)"
where=".todos/export/issues/td-a0000f.yaml"
plant() { mknod "$tree/issues/td-a0000f.yaml" c 1 5 2>/dev/null || skip "cannot make a device file here (needs root, and a file system that allows it)"; }
