#!/usr/bin/env bash
# In a linked worktree (`git worktree add`) that has no .todos/issues.db of its
# own, export reads the main worktree's database (as td does) and writes the
# tree into the linked worktree's own .todos/export, from its top or from a
# subdirectory, leaving the main worktree's tree alone.
source "$(dirname "$0")/lib/common.sh"
need_realdata

main=$WORK/main wt=$WORK/feature
real_repo wvanderen__good-looks.db "$main"
git -C "$main" add .gitignore && git -C "$main" commit -q -m init
git -C "$main" worktree add -q -b feature "$wt" || fail "git worktree add failed"
mkdir -p "$wt/src/deep"
[ ! -e "$wt/.todos" ] || fail "the new worktree already has .todos"

records=0
for pair in $TD_KINDS; do records=$((records + $(td_rows "$main/.todos/issues.db" "${pair%%:*}"))); done

out=$("$GIT_TD" -C "$wt" --output json export) || fail "export in the linked worktree failed"
assert_eq "$(jq -r .database <<<"$out")" "$(realpath "$main/.todos/issues.db")" "database used"
assert_eq "$(jq -r .export_dir <<<"$out")" "$(realpath "$wt")/.todos/export" "export dir used"
assert_eq "$(jq .records <<<"$out")" "$records" "records exported"
assert_eq "$(find "$wt/.todos/export" -mindepth 2 -type f | wc -l)" "$records" "record files in the linked worktree"
assert_eq "$(find "$main/.todos" -mindepth 1 -not -name 'issues.db*' -not -path '*/export' \
  -not -path '*/export/git-td.yaml' -not -path '*/export/.gitattributes')" "" "files the export added to the main worktree"
[ ! -e "$wt/.todos/issues.db" ] || fail "export created a database in the linked worktree"
# The linked worktree's .gitignore (from the commit) keeps the export tree visible.
git -C "$wt" add .todos/export || fail "git add .todos/export in the linked worktree failed"

# From a subdirectory: same database, same tree, nothing to write.
out=$(cd "$wt/src/deep" && "$GIT_TD" --output json export) || fail "export from a subdirectory failed"
assert_eq "$(jq -c '[.database, .export_dir, (.written|length)]' <<<"$out")" \
  "[\"$(realpath "$main/.todos/issues.db")\",\"$(realpath "$wt")/.todos/export\",0]" \
  "export from a subdirectory of the linked worktree"
[ ! -e "$wt/src/deep/.todos" ] || fail "export wrote below the subdirectory"


# The linked worktree agrees with the shared database on its own: its base is
# in its own git dir, under the name of the database td uses by default.
[ -f "$(git -C "$wt" rev-parse --absolute-git-dir)/git-td/base.sqlite" ] ||
  fail "the linked worktree's base store is not base.sqlite in its git dir"
[ ! -e "$main/.git/git-td" ] || fail "export in the linked worktree wrote the main worktree's base store"
