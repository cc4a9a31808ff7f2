#!/usr/bin/env bash
# The tree is untrusted input (DESIGN §3.1): a clone whose history commits a
# symbolic link at .todos/export/.gitattributes (pointing at a secret file
# outside the repository), at a kind folder (pointing at a folder outside), at
# .todos/export itself, or at .gitignore, gets every git-td command refused:
# init, export, import, doctor, resolve and a `git commit` through the
# pre-commit hook exit non-zero naming the link, nothing outside the
# repository is read or written, and the secret never reaches a commit.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

secret=$WORK/secret.key outside=$WORK/outside outside_tree=$WORK/outside-tree
token=TOPSECRET-9f1c2e
echo "$token" >"$secret"
mkdir -p "$outside" "$outside_tree"
printf 'format: yaml\nformat_version: 1\n' >"$outside_tree/git-td.yaml"  # a lure: a tree that looks right
secret_sum=$(sha256sum <"$secret")
outside_state() { snapshot "$outside"; snapshot "$outside_tree"; }
outside_before=$(outside_state)

# An honest project set up with git-td, published to a bare origin.
honest=$WORK/honest
td_repo "$honest"
add_issue "$honest/.todos/issues.db" td-000001 "Issue 1"
git -C "$honest" commit -q --allow-empty -m "one issue" 2>/dev/null
git init -q --bare "$WORK/origin.git"
git -C "$honest" remote add origin "$WORK/origin.git"
git -C "$honest" push -q origin main

# Whoever can push adds a link on a branch of its own (no git-td involved).
hostile_branch() {  # NAME PATH TARGET
  git -C "$honest" checkout -q -b "$1" main
  rm -rf "${honest:?}/$2"
  ln -s "$3" "$honest/$2"
  git -C "$honest" add -A -f -- "$2"
  git -C "$honest" commit -q --no-verify -m "link $2"
  git -C "$honest" push -q origin "$1"
  git -C "$honest" checkout -q main
}
hostile_branch attributes .todos/export/.gitattributes "$secret"
hostile_branch kind .todos/export/notes "$outside"
hostile_branch tree .todos/export "$outside_tree"
hostile_branch gitignore .gitignore "$secret"

# refused NAME LINK CMD...: CMD exits non-zero and names LINK as a link.
refused() {
  local name=$1 link=$2 status=0
  shift 2
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
  [ "$status" -ne 0 ] || { cat "$WORK/$name.out" "$WORK/$name.err" >&2; fail "$name: exit 0"; }
  grep -qF "$link: is a symbolic link" "$WORK/$name.out" "$WORK/$name.err" ||
    { cat "$WORK/$name.out" "$WORK/$name.err" >&2; fail "$name: does not name $link as a link"; }
}

for branch in attributes kind tree gitignore; do
  case $branch in
    attributes) link=.todos/export/.gitattributes ;;
    kind) link=.todos/export/notes ;;
    tree) link=.todos/export ;;
    gitignore) link=.gitignore ;;
  esac
  clone=$WORK/clone-$branch
  git clone -q "$WORK/origin.git" "$clone"
  empty_td_db "$clone/.todos/issues.db"
  add_issue "$clone/.todos/issues.db" td-000002 "Issue 2"
  "$GIT_TD" -C "$clone" init >/dev/null 2>&1 || fail "$branch: init of the honest clone failed"
  # The link arrives with a pull; the post-merge hook's import refuses it and git goes on.
  git -C "$clone" pull -q --no-rebase origin "$branch" 2>"$WORK/$branch-pull.err" ||
    { cat "$WORK/$branch-pull.err" >&2; fail "$branch: pull failed"; }
  [ -L "$clone/$link" ] || fail "$branch: $link is no link after the pull"
  head=$(git -C "$clone" rev-parse HEAD)

  refused "$branch-init" "$clone/$link" "$GIT_TD" -C "$clone" init
  [ -L "$clone/$link" ] || fail "$branch: init replaced the link $link"
  if [ "$branch" != gitignore ]; then  # .gitignore is init's and doctor's business only
    refused "$branch-export" "$clone/$link" "$GIT_TD" -C "$clone" export
    refused "$branch-import" "$clone/$link" "$GIT_TD" -C "$clone" import
    echo "change $branch" >>"$clone/code.txt"
    git -C "$clone" add code.txt
    refused "$branch-commit" "$clone/$link" git -C "$clone" commit -q -m "code change"
    assert_eq "$(git -C "$clone" rev-parse HEAD)" "$head" "$branch: the commit went through"
  fi
  refused "$branch-doctor" "$clone/$link" "$GIT_TD" -C "$clone" doctor
  [ -L "$clone/$link" ] || fail "$branch: $link is no longer a link"
  assert_eq "$(sha256sum <"$secret")" "$secret_sum" "$branch: the secret file changed"
  assert_eq "$(outside_state)" "$outside_before" "$branch: something outside the repository changed"
  assert_eq "$(git -C "$clone" log -p --all | grep -c "$token" || true)" 0 "$branch: the secret is in a commit"
  if git -C "$clone" ls-files -s | grep -q "$token"; then fail "$branch: the secret is staged"; fi
  while read -r _ _ blob _; do
    if git -C "$clone" cat-file -p "$blob" | grep -q "$token"; then fail "$branch: the secret is in the index"; fi
  done < <(git -C "$clone" ls-files -s)
done

# Resolve refuses a tree that is a link too, before looking at any conflict.
refused tree-resolve "$WORK/clone-tree/.todos/export" "$GIT_TD" -C "$WORK/clone-tree" resolve

assert_eq "$(git -C "$WORK/origin.git" log -p --all | grep -c "$token" || true)" 0 "the secret reached origin"
echo "ok"
