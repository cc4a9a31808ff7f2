what="git td sync from a remote whose objects are corrupt (a malformed pack)"
where="git objects that do not read"
run=(sync)
# The remote (a bare repository) has a td-sync branch with a change this
# clone lacks, and every object file of it is then damaged.
plant() {
  branch_mode_with_origin
  local other=$WORK/other
  git clone -q "$WORK/origin.git" "$other" 2>/dev/null
  "$GIT_TD" -C "$other" init --mode branch >/dev/null 2>&1
  "$GIT_TD" -C "$other" sync >/dev/null 2>&1 || fail "the other clone's first sync"
  set_title "$other/.todos/issues.db" td-a00001 "Changed elsewhere" "2026-04-03 09:00:00+00:00"
  "$GIT_TD" -C "$other" sync >/dev/null 2>&1 || fail "the other clone's sync"
  git -C "$WORK/origin.git" repack -q -a -d
  local pack
  for pack in "$WORK"/origin.git/objects/pack/*.pack; do
    chmod u+w "$pack"
    "$PY" - "$pack" <<'PY'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
for i in range(12, len(data) - 20, 7):  # past the header, before the trailer
    data[i] ^= 0x5A
open(path, "wb").write(data)
PY
  done
}
check() { assert_eq "$(title_of "$db" td-a00001)" "Issue 1" "$what: td's title"; }
