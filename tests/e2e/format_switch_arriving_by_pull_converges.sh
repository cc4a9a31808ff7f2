#!/usr/bin/env bash
# A format switch arrives with a pull: a teammate ran 'git td export --format json'
# and pushed, while this clone's last export wrote YAML (one new record's
# file not even committed) and td holds an edit not exported yet. One import
# reads the tree in the format git-td.yaml now names, with the old YAML
# files as the base (a removal in the same push deletes the row, a teammate's
# edit lands), and one export converts what is left: td's edit and the
# leftover YAML file come out as JSON, and no .yaml record remains. A plain
# export before that import converges as well.
source "$(dirname "$0")/lib/common.sh"
need_shared

origin=$WORK/origin
td_repo "$origin"
for n in 1 2 3; do add_issue "$origin/.todos/issues.db" "td-a0000$n" "Issue $n"; done
"$GIT_TD" -C "$origin" export >/dev/null || fail "first export"
commit_all "$origin" "three issues"

# Two clones that both exported YAML, each with an unexported edit in td.
for order in import-first export-first; do
  clone=$WORK/$order db=$WORK/$order/.todos/issues.db
  git clone -q "$origin" "$clone"
  "$GIT_TD" -C "$clone" init >/dev/null 2>&1 || fail "$order: init of the clone"
  # A new record exported (not committed), then an edit in td not exported.
  add_issue "$db" td-b00001 "New in the clone"
  "$GIT_TD" -C "$clone" export >/dev/null || fail "$order: export in the clone"
  set_title "$db" td-a00001 "Edited in the clone" "2026-04-02 09:00:00+00:00"
done

# The teammate: a retitle, a removal, and the switch to JSON, pushed.
set_title "$origin/.todos/issues.db" td-a00002 "Edited by the teammate" "2026-04-02 10:00:00+00:00"
sqlite3 "$origin/.todos/issues.db" "delete from issues where id = 'td-a00003'"
"$GIT_TD" -C "$origin" export --format json >/dev/null || fail "the teammate's export --format json"
commit_all "$origin" "switch to JSON"

for order in import-first export-first; do
  clone=$WORK/$order db=$WORK/$order/.todos/issues.db tree=$WORK/$order/.todos/export
  git -C "$clone" pull -q --no-rebase 2>/dev/null || fail "$order: pull"
  assert_eq "$(sed -n 's/^format: //p' "$tree/git-td.yaml")" json "$order: git-td.yaml after the pull"

  if [ "$order" = export-first ]; then
    json=$("$GIT_TD" -C "$clone" --output json export 2>"$WORK/err") || fail "$order: export: $(cat "$WORK/err")"
    assert_eq "$(jq -c .missing_from_tree <<<"$json")" '["issues/td-a00003.json"]' "$order: the removal awaits import"
  fi
  "$GIT_TD" -C "$clone" import >/dev/null 2>"$WORK/err" || fail "$order: import after the pull: $(cat "$WORK/err")"
  grep -q "export --format json" "$WORK/err" && fail "$order: import asks for export --format json: $(cat "$WORK/err")"
  assert_eq "$(title_of "$db" td-a00001)" "Edited in the clone" "$order: td's edit"
  assert_eq "$(title_of "$db" td-a00002)" "Edited by the teammate" "$order: the teammate's edit"
  assert_eq "$(sqlite3 "$db" "select deleted_at is not null from issues where id = 'td-a00003'")" 1 \
    "$order: the teammate's removal"
  json=$("$GIT_TD" -C "$clone" --output json export 2>"$WORK/err") || fail "$order: export: $(cat "$WORK/err")"
  assert_eq "$(jq -r .format <<<"$json")" json "$order: export's format"
  assert_eq "$(jq -c '[.awaiting_import, .missing_from_tree]' <<<"$json")" '[[],[]]' "$order: export left nothing"
  assert_eq "$(find "$tree" -name '*.yaml' ! -name git-td.yaml | wc -l)" 0 "$order: .yaml records left"
  assert_eq "$(jq -r .title "$tree/issues/td-a00001.json")" "Edited in the clone" "$order: td's edit exported"
  assert_eq "$(jq -r .title "$tree/issues/td-b00001.json")" "New in the clone" "$order: the new record converted"
  json=$("$GIT_TD" -C "$clone" --output json import 2>/dev/null) || fail "$order: second import"
  assert_eq "$(jq '.changes | length' <<<"$json")" 0 "$order: a second import has nothing to do"
  json=$("$GIT_TD" -C "$clone" --output json export 2>/dev/null) || fail "$order: second export"
  assert_eq "$(jq -c '[.written, .removed, .awaiting_import, .missing_from_tree]' <<<"$json")" '[[],[],[],[]]' \
    "$order: a second export has nothing to do"
done
