#!/usr/bin/env bash
# What the driver cannot merge, git reports as a conflict, with git's standard
# markers (of the conflict-marker-size git passes as %L) left in the file:
#  (a) a side that is not valid YAML;
#  (b) a rename: one side removes td-a00001 and adds td-a00002 with nearly the
#      same text, the other edits td-a00001, and git pairs them as a rename;
#  (c) an add/add id collision: both add td-c00001, created at different times;
#  (d) a file in a folder that is no kind;
# while (e) in the same merge, a record both sides changed still merges cleanly.
# (f) Bad usage is exit 2 with a message, and leaves the files alone.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
need_shared
need_python

repo=$WORK/repo
driver_repo "$repo"
# Records in issues/ get 9-character markers: git passes that size as %L.
printf 'issues/td-a00003.yaml conflict-marker-size=9\n' >>"$repo/.todos/export/.gitattributes"
issue_db "$repo/.todos/issues.db" td-a00001 td-a00003 td-a00004
"$GIT_TD" -C "$repo" export >/dev/null || fail "export"
tree=$repo/.todos/export
mkdir -p "$tree/widgets"
cp "$tree/issues/td-a00004.yaml" "$tree/widgets/td-a00004.yaml"
commit_in "$repo" "first export"
git -C "$repo" branch theirs

# ours: edits td-a00001, breaks td-a00003, edits td-a00004 (both copies), adds td-c00001.
set_field "$tree/issues/td-a00001.yaml" priority P0
set_field "$tree/issues/td-a00001.yaml" updated_at '"2026-04-02T10:00:00Z"'
replace_text "$tree/issues/td-a00003.yaml" "title: Issue td-a00003" "title: [unclosed"
set_field "$tree/issues/td-a00004.yaml" priority P1
set_field "$tree/issues/td-a00004.yaml" updated_at '"2026-04-02T10:00:00Z"'
set_field "$tree/widgets/td-a00004.yaml" title "Widget from ours"
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Ours/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T10:00:00Z"/' "$tree/issues/td-a00004.yaml" >"$tree/issues/td-c00001.yaml"
commit_in "$repo" "ours"

# theirs: renames td-a00001 to td-a00002, edits td-a00003, td-a00004 (both copies), adds its td-c00001.
git -C "$repo" checkout -q theirs
git -C "$repo" mv "$tree/issues/td-a00001.yaml" "$tree/issues/td-a00002.yaml"
set_field "$tree/issues/td-a00002.yaml" id td-a00002
set_field "$tree/issues/td-a00003.yaml" status in_progress
set_field "$tree/issues/td-a00003.yaml" updated_at '"2026-04-02T11:00:00Z"'
set_field "$tree/issues/td-a00004.yaml" status blocked
set_field "$tree/issues/td-a00004.yaml" updated_at '"2026-04-02T11:00:00Z"'
set_field "$tree/widgets/td-a00004.yaml" title "Widget from theirs"
sed -e 's/^id: .*/id: td-c00001/' -e 's/^title: .*/title: Theirs/' \
  -e 's/^created_at: .*/created_at: "2026-04-02T11:00:00Z"/' "$tree/issues/td-a00004.yaml" >"$tree/issues/td-c00001.yaml"
commit_in "$repo" "theirs"
git -C "$repo" checkout -q main

if git -C "$repo" merge --no-edit theirs >"$WORK/merge.out" 2>&1; then fail "the merge reported no conflict"; fi
cat "$WORK/merge.out" >&2
assert_eq "$(unmerged "$repo" | LC_ALL=C sort)" ".todos/export/issues/td-a00002.yaml
.todos/export/issues/td-a00003.yaml
.todos/export/issues/td-c00001.yaml
.todos/export/widgets/td-a00004.yaml" "the conflicted paths"
# git's own report names each path; the driver's says why.
for path in issues/td-a00002.yaml issues/td-a00003.yaml issues/td-c00001.yaml widgets/td-a00004.yaml; do
  grep -q "CONFLICT (.*).*$path" "$WORK/merge.out" || fail "git does not report a conflict in $path"
done
# (a)
has_markers 9 "$tree/issues/td-a00003.yaml" || fail "(a) no 9-character markers in td-a00003"
grep -q "td-a00003.yaml (ours):.*" "$WORK/merge.out" || fail "(a) the driver does not name the unparsable side"
# (b)
has_markers 7 "$tree/issues/td-a00002.yaml" || fail "(b) no markers in the renamed record"
grep -q "td-a00002.yaml: conflict: ids differ" "$WORK/merge.out" || fail "(b) the driver does not explain the rename"
# (c)
has_markers 7 "$tree/issues/td-c00001.yaml" || fail "(c) no markers in the colliding record"
grep -q "td-c00001.yaml: conflict: add/add id collision" "$WORK/merge.out" || fail "(c) the collision is not named"
# (d)
has_markers 7 "$tree/widgets/td-a00004.yaml" || fail "(d) no markers in widgets/"
grep -q "'widgets' is not a git-td kind folder" "$WORK/merge.out" || fail "(d) the unknown folder is not named"
# (e)
assert_eq "$(git -C "$repo" diff --name-only --diff-filter=U -- .todos/export/issues/td-a00004.yaml)" "" "(e) td-a00004 merged"
assert_eq "$(field "$tree/issues/td-a00004.yaml" priority)" '"P1"' "(e) ours' priority"
assert_eq "$(field "$tree/issues/td-a00004.yaml" status)" '"blocked"' "(e) theirs' status"
# Import refuses the tree until the conflicts are resolved.
! "$GIT_TD" -C "$repo" import --dry-run >/dev/null 2>"$WORK/import.err" || fail "import accepted conflict markers"

# (f)
printf 'x\n' >"$WORK/ours"
for args in "$WORK/ours $WORK/ours" "$WORK/ours $WORK/ours $WORK/ours 0 issues/td-1.yaml" \
  "$WORK/ours $WORK/ours $WORK/ours 7x issues/td-1.yaml"; do
  status=0
  # shellcheck disable=SC2086
  "$GIT_TD_MERGE_DRIVER" $args 2>"$WORK/usage.err" || status=$?
  assert_eq "$status" 2 "(f) exit status of: git-td-merge-driver $args"
  grep -q "^usage: git-td-merge-driver" "$WORK/usage.err" || fail "(f) no usage message"
done
assert_eq "$(cat "$WORK/ours")" x "(f) ours untouched"
echo "PASS"
