#!/usr/bin/env bash
# Export is byte-identical in every time zone: the real databases (legacy Go
# timestamps with zone names) plus zone-less and offset timestamps, exported
# under TZ=UTC, America/Los_Angeles and Asia/Kolkata into separate copies, give
# identical trees; a zone-less timestamp means UTC, never local time.
source "$(dirname "$0")/lib/common.sh"
need_shared
need_realdata

# One generated database whose timestamps carry no zone, an offset, or a legacy zone name.
gen=$WORK/generated.db
empty_td_db "$gen"
sqlite3 "$gen" "
insert into issues (id, title, created_at, updated_at, closed_at) values
 ('td-000001', 'no zone', '2026-01-02 03:04:05', '2026-07-02T03:04:05.5', null),
 ('td-000002', 'offset', '2026-03-08 01:30:00-08:00', '2026-11-01 01:30:00.250+05:30', '2026-03-29 02:30:00 +0100 CET'),
 ('td-000003', 'legacy', '2026-04-04 03:13:49.270094495 -0400 EDT m=+0.026561364', '2026-04-04 03:13:49 -0400 EDT', null);
insert into logs (id, issue_id, session_id, message, timestamp) values
 ('lg-00000001', 'td-000001', 'ses_000001', 'm', '2026-10-25 01:59:59');"

for tz in UTC America/Los_Angeles Asia/Kolkata; do
  dir=$WORK/tz-${tz//\//-}
  mkdir -p "$dir"
  for name in $(real_db_names) generated.db; do
    repo=$dir/${name%.db}
    if [ "$name" = generated.db ]; then new_repo "$repo" && cp "$gen" "$repo/.todos/issues.db"
    else new_repo "$repo" && real_db "$name" "$repo/.todos/issues.db"; fi
    TZ=$tz "$GIT_TD" -C "$repo" export >/dev/null || fail "export under TZ=$tz failed for $name"
    rm "$repo/.todos/issues.db"   # compare the export trees only
  done
done

# .git holds machine-local state (the base store, with file stamps): not compared.
diff -r -x .git "$WORK/tz-UTC" "$WORK/tz-America-Los_Angeles" >&2 || fail "UTC and America/Los_Angeles trees differ"
diff -r -x .git "$WORK/tz-UTC" "$WORK/tz-Asia-Kolkata" >&2 || fail "UTC and Asia/Kolkata trees differ"

# And the values are the instants themselves, not shifted by the local zone.
for tz in UTC America-Los_Angeles Asia-Kolkata; do
  issues=$WORK/tz-$tz/generated/.todos/export/issues
  grep -qx 'created_at: "2026-01-02T03:04:05Z"' "$issues/td-000001.yaml" || fail "TZ=$tz: zone-less created_at is not read as UTC"
  grep -qx 'updated_at: "2026-07-02T03:04:05.5Z"' "$issues/td-000001.yaml" || fail "TZ=$tz: zone-less updated_at"
  grep -qx 'created_at: "2026-03-08T09:30:00Z"' "$issues/td-000002.yaml" || fail "TZ=$tz: -08:00 offset"
  grep -qx 'updated_at: "2026-10-31T20:00:00.25Z"' "$issues/td-000002.yaml" || fail "TZ=$tz: +05:30 offset"
  grep -qx 'closed_at: "2026-03-29T01:30:00Z"' "$issues/td-000002.yaml" || fail "TZ=$tz: legacy +0100 CET"
  grep -qx 'created_at: "2026-04-04T07:13:49.270094495Z"' "$issues/td-000003.yaml" || fail "TZ=$tz: legacy Go time"
  grep -qx 'timestamp: "2026-10-25T01:59:59Z"' "$WORK/tz-$tz/generated/.todos/export/logs/lg-00000001.yaml" ||
    fail "TZ=$tz: zone-less log timestamp"
done
