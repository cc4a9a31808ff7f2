#!/usr/bin/env bash
# A sync that fails changes nothing, says why and what to do, and the next
# one recovers by itself (issue 10, item 5). Two machines of one bare
# repository, the real td making the edits; after each failure the
# database (every row), every ref and the checkout are as before:
#  (1) a remote that is not configured, and a path where no repository is;
#  (2) a record on the remote that import refuses (one that does not parse,
#      one of 17 MB, one in a nested folder reaching a clone as a
#      fast-forward): named with its file; once the remote is fixed, the
#      next sync carries this clone's edit out;
#  (3) the remote's branch replaced by unrelated history (a force-push):
#      refused, and the fix the message names (--rejoin) joins the two;
#  (4) a sync killed inside its import: nothing changed; the next converges;
#  (5) two syncs at once: the second waits for the first's lock;
#  (6) the sync base lost (removed, or the commit it agreed with pruned by
#      gc after a failed sync): the next sync merges td with the branch
#      record by record, and td's unsynced edit still goes out;
#  (7) the sync branch moved without git-td (`git fetch origin
#      td-sync:td-sync`, a commit in a worktree of it): what it brings is
#      imported, and td's later edits of those records still go out.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
td_create "$a" "Shared issue"
shared=$NEW_ID
sync_ok "$a"
sync_next_clone "$b"
sync_ok "$b"

# (0) a dry run says what it would do and changes nothing
td_retitle "$b" "$shared" "Bob's title"
td_log "$a" "$shared" "Alice's log, not yet at Bob's"
sync_ok "$a"
sync_state "$b" >"$WORK/state.before"
"$GIT_TD" -C "$b" --json sync --dry-run >"$WORK/dry.json" 2>"$WORK/dry.err" || { cat "$WORK/dry.err" >&2; fail "dry run"; }
sync_state "$b" >"$WORK/state.after"
diff -u "$WORK/state.before" "$WORK/state.after" >&2 || fail "a dry run changed $b"
assert_eq "$(jq -r '.written | length' "$WORK/dry.json")" 1 "what the dry run would commit"
assert_eq "$(jq -r .merge "$WORK/dry.json")" merged "what the dry run would merge"

# (1) no such remote, no repository there
sync_fails "$b" "no remote 'nosuch'" nosuch
sync_fails "$b" "cannot reach" "$WORK/no-such-repository.git"

# (2) a record the remote holds that import refuses
git clone -q -b td-sync "$ORIGIN" "$WORK/editor" 2>/dev/null
printf 'id: td-bad001\ntitle: [unclosed\n' >"$WORK/editor/issues/td-bad001.yaml"
git -C "$WORK/editor" add -A && git -C "$WORK/editor" commit -qm "a broken record" && git -C "$WORK/editor" push -q origin td-sync 2>/dev/null
sync_fails "$b" "issues/td-bad001.yaml"
git -C "$WORK/editor" rm -q issues/td-bad001.yaml
# a record of 17 MB: refused from its size, before it is read into memory
{ echo "id: td-big001"; printf 'title: %s\n' "$(head -c 17000000 /dev/zero | tr '\0' a)"; } >"$WORK/editor/issues/td-big001.yaml"
git -C "$WORK/editor" add -A && git -C "$WORK/editor" commit -qm "a huge record" && git -C "$WORK/editor" push -q origin td-sync 2>/dev/null
sync_fails "$b" "-byte limit of one record"
git -C "$WORK/editor" rm -q issues/td-big001.yaml
# a folder inside a kind folder, reaching Alice (no edits of her own) as a fast-forward
mkdir -p "$WORK/editor/issues/sub" && cp "$WORK/editor/issues/$shared.yaml" "$WORK/editor/issues/sub/"
git -C "$WORK/editor" add -A && git -C "$WORK/editor" commit -qm "a nested folder" && git -C "$WORK/editor" push -q origin td-sync 2>/dev/null
sync_fails "$a" "a folder inside a kind folder"
git -C "$WORK/editor" rm -rq issues/sub
git -C "$WORK/editor" commit -qm "fix" && git -C "$WORK/editor" push -q origin td-sync 2>/dev/null
sync_ok "$b"
sync_ok "$a"
verify_td "$a" "after the remote was fixed"
same_shared_state "after the remote was fixed" "$a" "$b"

# (3) the remote branch replaced by unrelated history
rm -rf "$WORK/editor" && mkdir "$WORK/editor" && git -C "$WORK/editor" init -q
git -C "$WORK/editor" checkout -q --orphan td-sync
cp "$a/.todos/export/git-td.yaml" "$WORK/editor/"
mkdir "$WORK/editor/issues"
git -C "$a" show "td-sync:issues/$shared.yaml" | sed 's/^title: .*/title: Replaced history/' >"$WORK/editor/issues/$shared.yaml"
git -C "$WORK/editor" add -A && git -C "$WORK/editor" commit -qm "unrelated"
git -C "$WORK/editor" push -q -f "$ORIGIN" td-sync 2>/dev/null
td_create "$b" "Bob's issue before the force-push"
sync_fails "$b" "shares no history"
sync_ok "$b" --rejoin
assert_eq "$(jq -r .merge "$WORK/sync.json")" joined "the sync after the force-push"
sync_fails "$a" "git td sync --rejoin"
sync_ok "$a" --rejoin
sync_ok "$b"
# Both histories hold the issue with one updated_at: the tie goes to the
# larger bytes, and Bob's title is set aside, not lost.
EXP_TITLE[$shared]="Replaced history"
git -C "$b" show "td-sync:issues/$shared.yaml" | grep -q "Bob's title" || fail "Bob's title is not set aside"
verify_td "$b" "after joining the replaced history"
same_shared_state "after joining the replaced history" "$a" "$b"

# (4) killed inside the import's transaction
td_create "$a" "Alice's issue"
sync_ok "$a"
sync_state "$b" >"$WORK/state.before"
GITTD_TEST_PAUSE_BEFORE_COMMIT=30 "$GIT_TD" -C "$b" sync >/dev/null 2>"$WORK/paused.err" &
pid=$!
for _ in $(seq 100); do grep -q "paused before commit" "$WORK/paused.err" && break; sleep 0.1; done
grep -q "paused before commit" "$WORK/paused.err" || fail "the sync never reached its import"
# (5) meanwhile the sync holds its lock: a second one waits
if flock -n "$b/.git/git-td/sync.lock" true; then fail "a running sync does not hold the sync lock"; fi
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
sync_state "$b" >"$WORK/state.after"
diff -u "$WORK/state.before" "$WORK/state.after" >&2 || fail "a killed sync changed $b"
sync_ok "$b"
sync_ok "$a"
verify_td "$b" "after a killed sync"
same_shared_state "after a killed sync" "$a" "$b"

td_create "$a" "Before a paused sync"
sync_ok "$a"
td_create "$b" "Bob's issue during a paused sync"
GITTD_TEST_PAUSE_BEFORE_COMMIT=2 "$GIT_TD" -C "$b" sync >/dev/null 2>"$WORK/paused.err" &
pid=$!
for _ in $(seq 100); do grep -q "paused before commit" "$WORK/paused.err" && break; sleep 0.1; done
td_create "$a" "During a paused sync"
sync_ok "$a"  # the paused sync's push then finds the remote moved, and merges again
sync_ok "$b"  # waits for the paused one's lock
wait "$pid" || fail "the paused sync failed"
grep -q "paused before commit" "$WORK/paused.err" || fail "the first sync never paused"
sync_ok "$a"
same_shared_state "after two syncs at once" "$a" "$b"

# (6) the sync base lost
td_retitle "$b" "$shared" "Bob's title, made before the base was lost"
rm "$b/.git/git-td/sync-base.sqlite"
sync_ok "$b"
td_retitle "$b" "$shared" "Bob's title, pending when the commit was pruned"
sqlite3 "$b/.git/git-td/sync-base.sqlite" "insert or replace into meta values ('sync_agreed', '$(printf '%040d' 7)')"
sync_ok "$b"
sync_ok "$a"
verify_td "$a" "after Bob's sync base was lost"
same_shared_state "after Bob's sync base was lost" "$a" "$b"

# (7) the branch moved by git, not by git-td
td_retitle "$a" "$shared" "Alice's title, fetched by hand"
sync_ok "$a"
git -C "$b" fetch -q origin td-sync:td-sync
sync_ok "$b"
verify_td "$b" "after Bob fetched td-sync by hand"
git -C "$b" worktree add -q "$WORK/view" td-sync
sed -i 's/^title: .*/title: Edited in a worktree of td-sync/' "$WORK/view/issues/$shared.yaml"
git -C "$WORK/view" commit -qam "edit by hand"
EXP_TITLE[$shared]="Edited in a worktree of td-sync"
sync_ok "$b"
verify_td "$b" "after a commit in a worktree of td-sync"
td_retitle "$b" "$shared" "Bob's title after the hand edit"
sync_ok "$b"
sync_ok "$a"
verify_td "$a" "after the branch moved without git-td"
same_shared_state "after the branch moved without git-td" "$a" "$b"
echo "PASS"
