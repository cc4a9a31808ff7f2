what="a record file that is a FIFO (a reader that opened it would wait forever)"
where=".todos/export/issues/td-a0000f.yaml"
plant() { mkfifo "$tree/issues/td-a0000f.yaml"; }
