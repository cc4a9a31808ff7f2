#!/usr/bin/env bash
# The pre-commit framework manifest (.pre-commit-hooks.yaml, issue 11), with
# the real `pre-commit` tool from Debian and this checkout as the hook
# repository:
#  - `pre-commit try-repo` runs each hook id at its stage;
#  - installed with `pre-commit install --overwrite`, a plain `git commit`
#    carries a td change (git-td-export), and a pull brings a teammate's
#    edit into td's database (git-td-post-merge).
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path
command -v pre-commit >/dev/null || skip "pre-commit is not installed (scripts/install-deps installs it)"
git -C "$GITTD_SOURCE_DIR" rev-parse --verify -q HEAD:.pre-commit-hooks.yaml >/dev/null ||
  skip "$GITTD_SOURCE_DIR is not a git checkout with the manifest committed"
export PRE_COMMIT_HOME=$WORK/pre-commit-home

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "From td"
(cd "$repo" && pre-commit try-repo "$GITTD_SOURCE_DIR" git-td-export) >"$WORK/out" 2>&1 ||
  fail "try-repo git-td-export: $(cat "$WORK/out")"
assert_eq "$(git -C "$repo" diff --cached --name-only)" ".todos/export/issues/td-000001.yaml" "staged by git-td-export"
git -C "$repo" -c core.hooksPath=/dev/null commit -q -m "first"

# A clone edits the issue; the pull is imported by git-td-post-merge.
clone=$WORK/clone
git clone -q "$repo" "$clone"
"$GIT_TD" -C "$clone" init >/dev/null 2>&1 || fail "the clone's init"
set_title "$clone/.todos/issues.db" td-000001 "Edited in the clone" '2026-04-02 10:00:00+00:00'
"$GIT_TD" -C "$clone" commit -m "edit" >/dev/null 2>&1 || fail "the clone's commit"

cat >"$repo/.pre-commit-config.yaml" <<YAML
default_install_hook_types: [pre-commit, post-commit, post-merge, post-checkout, post-rewrite]
repos:
  - repo: $GITTD_SOURCE_DIR
    rev: $(git -C "$GITTD_SOURCE_DIR" rev-parse HEAD)
    hooks:
      - id: git-td-export
      - id: git-td-post-commit
      - id: git-td-post-merge
      - id: git-td-post-checkout
      - id: git-td-post-rewrite
YAML
(cd "$repo" && pre-commit install --overwrite) >"$WORK/out" 2>&1 || fail "pre-commit install: $(cat "$WORK/out")"
grep -q "pre-commit" "$repo/.git/hooks/post-merge" || fail "pre-commit did not install post-merge"
git -C "$repo" add .pre-commit-config.yaml
add_issue "$db" td-000002 "Second, from td"
git -C "$repo" commit -q -m "config and a td change" >"$WORK/out" 2>&1 || fail "git commit through pre-commit: $(cat "$WORK/out")"
git -C "$repo" cat-file -e HEAD:.todos/export/issues/td-000002.yaml || fail "the commit lacks td's new issue"

git -C "$repo" pull -q --no-rebase --no-edit "$clone" main >"$WORK/out" 2>&1 || fail "pull: $(cat "$WORK/out")"
assert_eq "$(title_of "$db" td-000001)" "Edited in the clone" "the pulled edit in td's database"
echo ok
