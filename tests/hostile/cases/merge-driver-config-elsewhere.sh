what="the merge driver configured to run another program"
where="which is not git-td's merge driver"
run=(doctor)
plant() {
  printf '#!/bin/sh\ntouch "%s/ran"\n' "$outside" >"$WORK/evil-driver" && chmod +x "$WORK/evil-driver"
  git -C "$repo" config merge.td-record.driver "$WORK/evil-driver %O %A %B %L %P"
}
check() { [ ! -e "$outside/ran" ] || fail "$what: doctor ran the configured program"; }
