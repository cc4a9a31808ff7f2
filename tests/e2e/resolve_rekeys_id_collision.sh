#!/usr/bin/env bash
# An add/add id collision between two clones without the merge driver: both
# create a different issue td-c00001 (A at 10:00 with a log; B at 11:00 with
# a comment, a child issue and a dependency of that child on it). A pulls B:
# `git td resolve` re-keys B's issue, the later-created, to a fresh td- id;
# B's comment, child (parent_id) and dependency (issue key, so its dep_ id and
# file name too) follow it; A's issue and log keep td-c00001. The merge
# commits and `git td import` brings both issues into A's td database with the
# right parents. B pulling A re-keys the same record to the same id, and so
# does B rebasing onto A (REBASE_HEAD is B's commit, HEAD is A's).
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/merge_driver.sh"
source "$(dirname "$0")/lib/resolve.sh"
need_shared
need_python

origin=$WORK/origin
plain_repo "$origin"
issue_db "$origin/.todos/issues.db" td-a00001
"$GIT_TD" -C "$origin" export >/dev/null || fail "export"
commit_in "$origin" "first export"

dep_id() { printf 'dep_%s' "$(printf '%s|%s|depends_on' "$1" "$2" | sha256sum | cut -c1-16)"; }

clone_with_work "$origin" A "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of A', 'open', 'task', 'P2', '2026-04-02 10:00:00+00:00', '2026-04-02 10:00:00+00:00', 'ses_aaaaaa');
  insert into logs (id, issue_id, session_id, message, type, timestamp)
  values ('lg-aaaaaaa1', 'td-c00001', 'ses_aaaaaa', 'A works on it', 'progress', '2026-04-02 10:05:00+00:00');"
clone_with_work "$origin" B "insert into issues (id, title, status, type, priority, created_at, updated_at, creator_session)
  values ('td-c00001', 'Issue of B', 'open', 'task', 'P2', '2026-04-02 11:00:00+00:00', '2026-04-02 11:00:00+00:00', 'ses_bbbbbb');
  insert into issues (id, title, status, type, priority, parent_id, created_at, updated_at, creator_session)
  values ('td-b00002', 'Child of B', 'open', 'task', 'P2', 'td-c00001', '2026-04-02 11:01:00+00:00', '2026-04-02 11:01:00+00:00', 'ses_bbbbbb');
  insert into comments (id, issue_id, session_id, text, created_at)
  values ('cm-bbbbbbb1', 'td-c00001', 'ses_bbbbbb', 'B comments', '2026-04-02 11:02:00+00:00');
  insert into issue_dependencies (id, issue_id, depends_on_id, relation_type)
  values ('$(dep_id td-b00002 td-c00001)', 'td-b00002', 'td-c00001', 'depends_on');"

cp -a "$WORK/B" "$WORK/B2"
cp -a "$WORK/B" "$WORK/B3"
if git -C "$WORK/A" pull -q --no-rebase --no-edit "$WORK/B" main >/dev/null 2>&1; then fail "the pull did not conflict"; fi
assert_eq "$(unmerged "$WORK/A")" ".todos/export/issues/td-c00001.yaml" "the collision"

json=$("$GIT_TD" -C "$WORK/A" --output json resolve) || fail "resolve exited $?: $json"
assert_eq "$(unmerged "$WORK/A")" "" "conflicts left"
new=$(jq -r '.steps[] | select(.action == "re-keyed") | .path' <<<"$json" | sed 's|.*/||; s|\.yaml$||')
[[ $new =~ ^td-[0-9a-f]{6}$ ]] || fail "the new id '$new' is not td's shape"
tree=$WORK/A/.todos/export
assert_eq "$(field "$tree/issues/td-c00001.yaml" title)" '"Issue of A"' "A's issue keeps td-c00001"
assert_eq "$(field "$tree/issues/$new.yaml" title)" '"Issue of B"' "B's issue is re-keyed"
assert_eq "$(field "$tree/issues/$new.yaml" id)" "\"$new\"" "the re-keyed file's id"
entry=$(conflicts_of "$tree/issues/$new.yaml")
[[ $entry == "id:\"$new\":"* && $entry == *'"td-c00001"'* ]] || fail "no re-key entry naming the old id: $entry"
assert_eq "$(field "$tree/logs/lg-aaaaaaa1.yaml" issue_id)" '"td-c00001"' "A's log stays"
assert_eq "$(field "$tree/comments/cm-bbbbbbb1.yaml" issue_id)" "\"$new\"" "B's comment follows"
assert_eq "$(field "$tree/issues/td-b00002.yaml" parent_id)" "\"$new\"" "B's child follows"
old_dep=$(dep_id td-b00002 td-c00001) new_dep=$(dep_id td-b00002 "$new")
[ ! -e "$tree/dependencies/$old_dep.yaml" ] || fail "the dependency kept its old file"
assert_eq "$(field "$tree/dependencies/$new_dep.yaml" id)" "\"$new_dep\"" "the dependency's derived id"
assert_eq "$(field "$tree/dependencies/$new_dep.yaml" depends_on_id)" "\"$new\"" "the dependency follows"
assert_eq "$(git -C "$WORK/A" status --porcelain -- .todos/export | grep -v '^[MADR] ' || true)" "" \
  "every change is staged"

git -C "$WORK/A" commit -q --no-edit || fail "git commit after resolve"
"$GIT_TD" -C "$WORK/A" import >/dev/null || fail "import after resolve"
db=$WORK/A/.todos/issues.db
assert_eq "$(sqlite3 "$db" "select title from issues where id = 'td-c00001'")" "Issue of A" "td: A's issue"
assert_eq "$(sqlite3 "$db" "select title from issues where id = '$new'")" "Issue of B" "td: B's issue"
assert_eq "$(sqlite3 "$db" "select parent_id from issues where id = 'td-b00002'")" "$new" "td: the child's parent"
assert_eq "$(sqlite3 "$db" "select issue_id from comments where id = 'cm-bbbbbbb1'")" "$new" "td: the comment"
assert_eq "$(sqlite3 "$db" "select issue_id from logs where id = 'lg-aaaaaaa1'")" "td-c00001" "td: the log"
assert_eq "$(sqlite3 "$db" "select id || ' ' || depends_on_id from issue_dependencies")" "$new_dep $new" "td: the dependency"

# `git td log` follows the re-key back to B's history under the old id, and
# not into A's record that kept it.
log_json=$("$GIT_TD" -C "$WORK/A" --json log "$new") || fail "git td log of the re-keyed record"
assert_eq "$(jq -r '[.commits[] | .id + " " + .change + " " + .summary] | join("|")' <<<"$log_json")" \
  "$new modified $(git -C "$WORK/A" log -1 --format=%s)|td-c00001 added B's work" "the re-keyed record's history"
assert_eq "$(jq -r '.commits[0].fields[] | select(.field == "id") | .before + " " + .after' <<<"$log_json")" \
  "td-c00001 $new" "the merge shows the re-key"
"$GIT_TD" -C "$WORK/A" log "$new" | grep -q "added (as td-c00001)  B's work" || fail "human log: $("$GIT_TD" -C "$WORK/A" log "$new")"
assert_eq "$("$GIT_TD" -C "$WORK/A" --json log td-c00001 | jq -r '[.commits[] | .summary] | join("|")')" "A's work" \
  "A's record keeps its own history"

# The other way round: B pulls A's commit (ours is now the re-keyed side), and
# the same record gets the same id.
a_work=$(git -C "$WORK/A" rev-parse HEAD^1)
git -C "$WORK/B2" fetch -q "$WORK/A" main
if git -C "$WORK/B2" merge --no-edit "$a_work" >/dev/null 2>&1; then fail "B's merge did not conflict"; fi
json=$("$GIT_TD" -C "$WORK/B2" --output json resolve) || fail "resolve in B exited $?: $json"
assert_eq "$(jq -r '.steps[] | select(.action == "re-keyed") | .path' <<<"$json")" ".todos/export/issues/$new.yaml" \
  "B re-keys the same record to the same id"
assert_eq "$(field "$WORK/B2/.todos/export/comments/cm-bbbbbbb1.yaml" issue_id)" "\"$new\"" "B's comment follows in B"
git -C "$WORK/B2" commit -q --no-edit || fail "git commit in B"
assert_eq "$(git -C "$WORK/B2" rev-parse HEAD:.todos/export)" "$(git -C "$WORK/A" rev-parse HEAD:.todos/export)" \
  "both clones resolve to the same tree"

git -C "$WORK/B3" fetch -q "$WORK/A" main
if git -C "$WORK/B3" rebase "$a_work" >/dev/null 2>&1; then fail "the rebase did not conflict"; fi
json=$("$GIT_TD" -C "$WORK/B3" --output json resolve) || fail "resolve during the rebase exited $?: $json"
assert_eq "$(jq -r '.steps[] | select(.action == "re-keyed") | .detail' <<<"$json")" \
  "the later-created record (theirs, from REBASE_HEAD) gets the new id '$new'" "the rebase re-keys the replayed record"
GIT_EDITOR=true git -C "$WORK/B3" rebase --continue >/dev/null 2>&1 || fail "git rebase --continue after resolve"
assert_eq "$(git -C "$WORK/B3" rev-parse HEAD:.todos/export)" "$(git -C "$WORK/A" rev-parse HEAD:.todos/export)" \
  "the rebase resolves to the same tree"
echo "PASS"
