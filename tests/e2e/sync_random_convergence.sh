#!/usr/bin/env bash
# Randomised convergence (DESIGN §7, issue 10 item 6): three machines of one
# bare repository, the real td making random edits (create, retitle, change
# priority, start, close, log, comment, delete), syncs in random order
# between them; then everyone syncs twice. Every database is the same
# (tdread's view of every shared record), every issue, log and comment made
# anywhere is everywhere, and every issue's title is one some machine set.
# The seed is printed; SEED=N reruns one sequence (td draws its ids at
# random, so only roughly), STEPS=N makes a longer run (default 25).
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
need_td

SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
STEPS=${STEPS:-25}
echo "seed $SEED, $STEPS steps"
RANDOM=$SEED

machines=("$WORK/m0" "$WORK/m1" "$WORK/m2")
sync_first_clone "${machines[0]}"
td_create "${machines[0]}" "seed issue"
sync_ok "${machines[0]}"
sync_next_clone "${machines[1]}"
sync_next_clone "${machines[2]}"

declare -a issues=("$NEW_ID")
declare -A titles=(["$NEW_ID"]="seed issue")
declare -a logs=() comments=()
pick() { echo $((RANDOM % $1)); }

for step in $(seq "$STEPS"); do
  m=${machines[$(pick 3)]}
  # Only issues this machine has: the others are not there yet.
  mapfile -t known < <(sqlite3 "$m/.todos/issues.db" "select id from issues where deleted_at is null order by id")
  op=$(pick 10)
  if [ "${#known[@]}" -eq 0 ] || [ "$op" -eq 0 ]; then
    td_create "$m" "issue $step"
    issues+=("$NEW_ID")
    titles[$NEW_ID]="issue $step"
    continue
  fi
  id=${known[$(pick "${#known[@]}")]}
  status=$(sqlite3 "$m/.todos/issues.db" "select status from issues where id = '$id'")
  case $op in
    1 | 2) td_in "$m" update "$id" --title "title $step" >/dev/null && titles[$id]+="|title $step" ;;
    3) td_in "$m" update "$id" --priority "P$(pick 5)" >/dev/null ;;
    4) if [ "$status" = open ]; then td_in "$m" start "$id" >/dev/null; elif [ "$status" = closed ]; then td_in "$m" reopen "$id" >/dev/null; fi ;;
    5) [ "$status" = closed ] || td_in "$m" close "$id" --self-close-exception "random test" >/dev/null ;;
    6) td_in "$m" log "$id" "log $step" >/dev/null && logs+=("log $step") ;;
    7) td_in "$m" comment "$id" "comment $step" >/dev/null && comments+=("comment $step") ;;
    8) [ $((step % 4)) -eq 0 ] && td_in "$m" delete "$id" >/dev/null ;;
    *) sync_ok "$m" ;;
  esac
done

for m in "${machines[@]}" "${machines[@]}"; do sync_ok "$m"; done
same_shared_state "seed $SEED: after everyone synced twice" "${machines[@]}"
for m in "${machines[@]}"; do
  dump "$m"
  for id in "${issues[@]}"; do
    title=$(jq -r --arg id "$id" '.issues[] | select(.id == $id) | .title' "$WORK/dump.json")
    [ -n "$title" ] || fail "seed $SEED: issue $id missing in $(basename "$m")"
    grep -qxF -- "$title" <(tr '|' '\n' <<<"${titles[$id]}") || fail "seed $SEED: $id's title '$title' was never set"
  done
  for msg in "${logs[@]}"; do
    jq -e --arg m "$msg" 'any(.logs[]?; .message == $m)' "$WORK/dump.json" >/dev/null ||
      fail "seed $SEED: log '$msg' missing in $(basename "$m")"
  done
  for msg in "${comments[@]}"; do
    jq -e --arg m "$msg" 'any(.comments[]?; .text == $m)' "$WORK/dump.json" >/dev/null ||
      fail "seed $SEED: comment '$msg' missing in $(basename "$m")"
  done
done
echo "PASS (seed $SEED)"
