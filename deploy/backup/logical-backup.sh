#!/usr/bin/env bash
# Daily logical backup: pg_dump -Fc of DATABASE_URL plus a manifest (per-table row counts and
# checksums, and the dump's sha256), both taken from ONE snapshot, uploaded under
# $BACKUP_URL/logical/. The role needs to read every row: a superuser, or a role with BYPASSRLS
# (row-level security is forced on the tenant tables) and pg_read_all_data.
set -euo pipefail

usage() {
  echo "usage: DATABASE_URL=postgres://… BACKUP_URL=s3://bucket/prefix|file:///path [BACKUP_WEEKLY_DAY=1-7 (7)] ${0##*/} [--keep-local DIR]" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

keep_local=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep-local) [[ $# -ge 2 ]] || { usage; exit 2; }; keep_local="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument '$1'" ;;
  esac
done
[[ -n "${DATABASE_URL:-}" ]] || { usage; die "DATABASE_URL is not set"; }
need_cmd pg_dump pg_dumpall psql sha256sum
store_init

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="mrm-$stamp"
work="$(mktemp -d)"
psql_pid=""
cleanup() {
  if [[ -n "$psql_pid" ]]; then kill "$psql_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# One repeatable-read transaction stays open while pg_dump runs in its exported snapshot, and the
# manifest is computed in that same transaction: the counts describe exactly what the dump holds.
coproc PSQL { psql "$DATABASE_URL" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1; }
psql_pid="${PSQL_PID:?}"
printf '%s\n' "begin isolation level repeatable read read only;" "select pg_export_snapshot();" >&"${PSQL[1]}"
read -r -t 60 snapshot <&"${PSQL[0]}" || die "could not open a snapshot on the database"
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || die "unexpected snapshot id '$snapshot'"

start=$(date +%s)
pg_dump --dbname="$DATABASE_URL" --format=custom --compress=6 --snapshot="$snapshot" \
  --file="$work/$name.dump" || die "pg_dump failed"

{
  printf '%s\n' "$STATS_SETTINGS" "\\o $work/tables.tsv" "$STATS_SQL" "\\o" "commit;" "select 'manifest-done';" "\\q"
} >&"${PSQL[1]}"
done_line=""
while read -r -t 3600 line <&"${PSQL[0]}"; do
  [[ "$line" == manifest-done ]] && { done_line=1; break; }
done
[[ -n "$done_line" ]] || die "computing the manifest failed"
wait "$psql_pid" || true
psql_pid=""

dump_sha="$(sha256sum "$work/$name.dump" | cut -d' ' -f1)"
{
  printf '# mrm logical backup manifest v1\n'
  printf '# dump\t%s.dump\n# sha256\t%s\n# created\t%s\n' "$name" "$dump_sha" "$stamp"
  printf '# server\t%s\n' "$(psql "$DATABASE_URL" -XAtc 'show server_version')"
  printf 'table\trows\tchecksum\n'
  sort "$work/tables.tsv"
} >"$work/$name.manifest.tsv"
tables=$(wc -l <"$work/tables.tsv")
rows=$(awk -F'\t' '{s += $2} END {print s + 0}' "$work/tables.tsv")

# The roles (without passwords): a restore into a new cluster needs them before the dump's grants.
pg_dumpall --dbname="$DATABASE_URL" --roles-only --no-role-passwords --file="$work/$name.roles.sql" \
  || die "pg_dumpall --roles-only failed"

# The dump first, the manifest last: a manifest is the sign of a complete backup.
store_put "$work/$name.dump" "logical/$name.dump"
store_put "$work/$name.roles.sql" "logical/$name.roles.sql"
store_put "$work/$name.manifest.tsv" "logical/$name.manifest.tsv"
# One backup a week is also kept under weekly/, which the bucket's lifecycle keeps longer (4 weeks)
# than the daily ones under logical/ (7 days).
if [[ "$(date -u +%u)" == "${BACKUP_WEEKLY_DAY:-7}" ]]; then
  for f in dump roles.sql manifest.tsv; do store_put "$work/$name.$f" "weekly/$name.$f"; done
fi
if [[ -n "$keep_local" ]]; then mkdir -p "$keep_local" && cp "$work/$name".* "$keep_local/"; fi

log "backup $name: $tables tables, $rows rows, $(stat -c %s "$work/$name.dump") bytes, $(( $(date +%s) - start )) s -> ${BACKUP_URL%/}/logical/"
echo "$name"
