#!/usr/bin/env bash
# `git td commit` of a whole export of 1,500 issues (issue 10): the files
# are read and hashed on several threads and packed with git-td's own pack
# index, so check against git itself that
#  - HEAD's tree and the index hold, for every file, the blob git computes
#    from the worktree file, and git status sees nothing to commit;
#  - the objects are one new pack that git verifies (git verify-pack and
#    fsck --strict), and no loose objects;
#  - a temporary file a killed git-td left in objects/pack over an hour ago
#    is removed, a younger one is left, and none of its own is left behind.
source "$(dirname "$0")/lib/common.sh"
need_shared
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
sqlite3 "$db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500)
  insert into issues (id, title, description, status, type, priority, created_at, updated_at)
  select printf('td-%06d', i), 'Issue ' || i, printf('Line one of %d%sline two', i, char(10)), 'open', 'task',
         'P2', '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00' from n"
pack_folder=$repo/.git/objects/pack
mkdir -p "$pack_folder"
# Temporaries of a dead process: removed when over an hour old (another
# host sharing the repository may be writing a young one).
sh -c 'exit 0' &
dead=$!
wait "$dead"
echo "left by a killed git-td" >"$pack_folder/tmp-git-td-$dead-0"
touch -d '2 hours ago' "$pack_folder/tmp-git-td-$dead-0"
echo "being written elsewhere" >"$pack_folder/tmp-git-td-$dead-1"
loose_before=$(find "$repo/.git/objects" -path '*/pack' -prune -o -type f -print | wc -l | tr -d ' ')
packs_before=$(find "$pack_folder" -name '*.pack' | wc -l | tr -d ' ')
find "$pack_folder" -name '*.idx' | LC_ALL=C sort >"$WORK/indexes-before"

"$GIT_TD" -C "$repo" commit -m "All issues" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "git td commit failed"; }
assert_eq "$(git -C "$repo" ls-tree -r --name-only HEAD -- .todos/export/issues | wc -l | tr -d ' ')" 1500 \
  "issue files in the commit"

# What git computes from the worktree files, what HEAD holds, what the index holds.
(cd "$repo" && find .todos/export -type f | LC_ALL=C sort >"$WORK/paths")
(cd "$repo" && git hash-object --stdin-paths <"$WORK/paths" >"$WORK/ids")
paste -d' ' "$WORK/ids" "$WORK/paths" >"$WORK/worktree"
git -C "$repo" ls-tree -r HEAD -- .todos/export | awk '{ print $3 " " $4 }' | LC_ALL=C sort -k2 >"$WORK/head"
git -C "$repo" ls-files -s -- .todos/export | awk '{ print $2 " " $4 }' | LC_ALL=C sort -k2 >"$WORK/index"
cmp -s "$WORK/worktree" "$WORK/head" || fail "HEAD's blobs differ from the worktree files: $(diff "$WORK/worktree" "$WORK/head" | head -5)"
cmp -s "$WORK/worktree" "$WORK/index" || fail "the index's blobs differ from the worktree files: $(diff "$WORK/worktree" "$WORK/index" | head -5)"
assert_eq "$(git -C "$repo" status --porcelain -- .todos)" "" "git status of the export after the commit"

assert_eq "$(find "$repo/.git/objects" -path '*/pack' -prune -o -type f -print | wc -l | tr -d ' ')" "$loose_before" \
  "loose objects after the commit"
assert_eq "$(find "$pack_folder" -name '*.pack' | wc -l | tr -d ' ')" "$((packs_before + 1))" "packs after the commit"
newest_index=$(find "$pack_folder" -name '*.idx' | LC_ALL=C sort | comm -13 "$WORK/indexes-before" -)
git -C "$repo" verify-pack "$newest_index" || fail "git verify-pack refuses git-td's pack"
git -C "$repo" fsck --strict --no-dangling >/dev/null 2>&1 || fail "git fsck after git td commit"
assert_eq "$(find "$pack_folder" -name 'tmp-git-td-*' -printf '%f\n')" "tmp-git-td-$dead-1" \
  "temporary files in objects/pack after the commit"
echo ok
