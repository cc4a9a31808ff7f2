what="git td sync from a remote whose td-sync branch holds a 20 MiB record file"
where="issues/td-a00001.yaml: 20971983 bytes, over the 16777216-byte limit"
run=(sync)
# The remote's td-sync branch gets a commit (made with git itself, as anyone
# who can push could) that replaces a record with 20 MiB of YAML.
plant() {
  branch_mode_with_origin
  local other=$WORK/other file
  git clone -q -b td-sync "$WORK/origin.git" "$other" 2>/dev/null || fail "cloning td-sync"
  file=$(cd "$other" && git ls-files | grep 'issues/td-a00001.yaml$') || fail "no td-a00001.yaml on td-sync"
  "$PY" - "$other/$file" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read().replace('description: ""', 'description: "' + "x" * (20 * 1024 * 1024) + '"', 1)
open(path, "w").write(text)
PY
  git -C "$other" commit -q -am "a huge record" || fail "committing it"
  git -C "$other" push -q origin td-sync 2>/dev/null || fail "pushing it"
}
check() { assert_eq "$(title_of "$db" td-a00001)" "Issue 1" "$what: td's title"; }
