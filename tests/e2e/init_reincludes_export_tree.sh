#!/usr/bin/env bash
# `git-td init` rewrites td's `.todos/` ignore rule to `.todos/*` +
# `!.todos/export/`, keeping every other line in order, so git sees the export
# tree but still ignores td's database. A second init changes nothing. Without
# a .gitignore, init creates one that ignores the database. Rule variants
# (`.todos`, `/.todos/`) get the same effect.
source "$(dirname "$0")/lib/common.sh"
need_shared

# check_ignores REPO: git ignores the database, sees the export tree, and can add it.
# (Init made the database where the repository had none.)
check_ignores() {
  local repo=$1
  [ -f "$repo/.todos/issues.db" ] || fail "$repo: init did not create td's database"
  sqlite3 "$repo/.todos/issues.db" "insert into issues (id, title) values ('td-000001', 'x')"
  touch "$repo/.todos/issues.db-wal" "$repo/.todos/db.lock"
  "$GIT_TD" -C "$repo" export >/dev/null || fail "$repo: export failed"
  for f in .todos/issues.db .todos/issues.db-wal .todos/db.lock; do
    git -C "$repo" check-ignore -q "$f" || fail "$repo: $f is not ignored"
  done
  ! git -C "$repo" check-ignore -q .todos/export/issues/td-000001.yaml || fail "$repo: export tree is ignored"
  git -C "$repo" add .todos/export || fail "$repo: git add .todos/export failed"
  git -C "$repo" add -A
  assert_eq "$(git -C "$repo" diff --cached --name-only -- .todos | sort)" \
    ".todos/export/.gitattributes
.todos/export/git-td.yaml
.todos/export/issues/td-000001.yaml" "$repo: what git stages below .todos"
}

# td's usual rule among others.
repo=$WORK/usual
new_repo "$repo"
printf 'node_modules/\n# editor files\n*.swp\n.todos/\n\nbuild/\n!build/keep\n' >"$repo/.gitignore"
"$GIT_TD" -C "$repo" init >/dev/null || fail "init failed"
assert_eq "$(cat "$repo/.gitignore")" 'node_modules/
# editor files
*.swp
.todos/*
!.todos/export/

build/
!build/keep' ".gitignore after init"
assert_eq "$(sed -n 's/^format: //p' "$repo/.todos/export/git-td.yaml")" yaml "format recorded by init"

# Twice: nothing changes, and init says so.
before=$(snapshot "$repo")
out=$("$GIT_TD" -C "$repo" --output json init) || fail "second init failed"
assert_eq "$(jq -c '[.gitignore_changed, .config_written]' <<<"$out")" "[false,false]" "second init's report"
assert_eq "$(snapshot "$repo")" "$before" "repository after a second init"
check_ignores "$repo"

# No .gitignore at all.
repo=$WORK/none
mkdir -p "$repo/.todos" && git -C "$repo" init -q
"$GIT_TD" -C "$repo" init >/dev/null || fail "init without .gitignore failed"
[ -f "$repo/.gitignore" ] || fail "init did not create .gitignore"
check_ignores "$repo"

# Other spellings of td's rule.
for rule in '.todos' '/.todos/' '.todos/**'; do
  # Deliberately ASCII a-z: the rule becomes a plain directory name.
  # shellcheck disable=SC2018
  repo=$WORK/variant-$(printf %s "$rule" | tr -c 'a-z' _)
  new_repo "$repo"
  printf '%s\nother\n' "$rule" >"$repo/.gitignore"
  "$GIT_TD" -C "$repo" init >/dev/null || fail "init with rule '$rule' failed"
  assert_eq "$(tail -n1 "$repo/.gitignore")" other "last line with rule '$rule'"
  check_ignores "$repo"
done

# --format json on a new tree is recorded; a later --format yaml does not flip it.
repo=$WORK/json
new_repo "$repo"
"$GIT_TD" -C "$repo" init --format json >/dev/null || fail "init --format json failed"
assert_eq "$(sed -n 's/^format: //p' "$repo/.todos/export/git-td.yaml")" json "format after init --format json"
"$GIT_TD" -C "$repo" init --format yaml >/dev/null 2>&1 || fail "re-init failed"
assert_eq "$(sed -n 's/^format: //p' "$repo/.todos/export/git-td.yaml")" json "format after a second init --format yaml"
