what="a folder of the tree that is no td kind"
where=".todos/export/widgets"
plant() { mkdir "$tree/widgets" && cp "$issue" "$tree/widgets/td-a00001.yaml"; }
