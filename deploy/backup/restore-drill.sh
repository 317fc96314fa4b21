#!/usr/bin/env bash
# Restore drill: restores the latest (or the named) logical backup from BACKUP_URL into a FRESH
# database, checks every table's row count and checksum against the backup's manifest, and prints
# how long it took and how many rows were lost. Exits non-zero on any difference.
#
# RESTORE_ADMIN_URL: a connection to the target server's maintenance database (…/postgres) as a
# role that may create databases and roles and read every row (superuser, or CREATEDB + CREATEROLE
# + BYPASSRLS). Objects are restored --no-owner (owned by that role); grants and policies as they were.
set -euo pipefail

usage() {
  echo "usage: RESTORE_ADMIN_URL=postgres://…/postgres BACKUP_URL=s3://…|file:///… ${0##*/} [--backup NAME] [--target-db NAME] [--jobs N] [--drop-after]" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

backup=""
target_db="mrm_restore_drill_$(date -u +%Y%m%d%H%M%S)"
jobs=2
drop_after=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backup) [[ $# -ge 2 ]] || { usage; exit 2; }; backup="${2%.dump}"; shift 2 ;;
    --target-db) [[ $# -ge 2 ]] || { usage; exit 2; }; target_db="$2"; shift 2 ;;
    --jobs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { usage; exit 2; }; jobs="$2"; shift 2 ;;
    --drop-after) drop_after=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument '$1'" ;;
  esac
done
[[ -n "${RESTORE_ADMIN_URL:-}" ]] || { usage; die "RESTORE_ADMIN_URL is not set"; }
[[ "$target_db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "target database name '$target_db' must be a plain lower-case identifier"
[[ "$RESTORE_ADMIN_URL" =~ ^postgres(ql)?://[^/]*/[^?]+ ]] || die "RESTORE_ADMIN_URL must name a database (postgres://user@host:port/postgres)"
need_cmd pg_restore psql sha256sum awk
store_init

target_url="$(printf '%s' "$RESTORE_ADMIN_URL" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\\1/$target_db#")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { printf '%s' "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

t0="$(now)"
if [[ -z "$backup" ]]; then
  # The latest complete backup: the manifest is uploaded last.
  backup="$(store_list logical | sed -n 's/\.manifest\.tsv$//p' | tail -n 1)"
  [[ -n "$backup" ]] || die "no backup with a manifest under ${BACKUP_URL%/}/logical/"
fi
store_get "logical/$backup.manifest.tsv" "$work/manifest.tsv" || die "manifest of '$backup' not found"
store_get "logical/$backup.dump" "$work/backup.dump" || die "dump of '$backup' not found"
want_sha="$(awk -F'\t' '$1 == "# sha256" {print $2}' "$work/manifest.tsv")"
have_sha="$(sha256sum "$work/backup.dump" | cut -d' ' -f1)"
[[ "$want_sha" == "$have_sha" ]] || die "the dump's sha256 ($have_sha) is not the manifest's ($want_sha)"
t1="$(now)"

exists="$(psql "$RESTORE_ADMIN_URL" -XAt -v ON_ERROR_STOP=1 -v db="$target_db" <<<"select count(*) from pg_database where datname = :'db';")"
[[ "$exists" == 0 ]] || die "database $target_db already exists: a drill restores into a fresh one"
# The application role is global to the cluster, not part of a dump; the dump's grants need it.
psql "$RESTORE_ADMIN_URL" -Xq -v ON_ERROR_STOP=1 -v db="$target_db" <<'SQL' >/dev/null
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'mrm_app') then create role mrm_app nologin; end if;
end $$;
create database :"db";
SQL
pg_restore --dbname="$target_url" --no-owner --exit-on-error --jobs="$jobs" "$work/backup.dump" \
  || die "pg_restore into $target_db failed"
t2="$(now)"

printf '%s\n' "$STATS_SETTINGS" "$STATS_SQL" \
  | psql "$target_url" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -f - >"$work/restored.tsv" \
  || die "could not count the rows of $target_db"
t3="$(now)"

# table, rows, checksum from the manifest against the restored database.
report="$(awk -F'\t' '
  NR == FNR { if ($0 !~ /^#/ && $1 != "table") { want[$1] = $2; sum[$1] = $3; order[++n] = $1 } next }
  { got[$1] = $2; gsum[$1] = $3 }
  END {
    for (i = 1; i <= n; i++) {
      t = order[i]; total += want[t]
      if (!(t in got)) { lost += want[t]; bad++; print "MISSING " t " (" want[t] " rows)"; continue }
      restored += got[t]
      if (got[t] < want[t]) lost += want[t] - got[t]
      if (got[t] != want[t] || gsum[t] != sum[t]) { bad++; print "MISMATCH " t ": rows " want[t] " -> " got[t] ", checksum " sum[t] " -> " gsum[t] }
    }
    for (t in got) if (!(t in want)) { bad++; print "EXTRA " t " (" got[t] " rows)" }
    printf "SUMMARY %d %d %d %d %d\n", n, bad + 0, total + 0, restored + 0, lost + 0
  }' "$work/manifest.tsv" "$work/restored.tsv")"
grep -v '^SUMMARY ' <<<"$report" >&2 || true
read -r _ tables bad total restored lost < <(grep '^SUMMARY ' <<<"$report")

echo "backup: $backup ($(stat -c %s "$work/backup.dump") bytes) restored into database $target_db"
echo "tables checked: $tables, mismatched: $bad"
echo "rows in backup: $total, rows restored: $restored, rows lost: $lost"
echo "restore time: $(secs "$t0" "$t3") s (download and sha256 $(secs "$t0" "$t1") s, pg_restore $(secs "$t1" "$t2") s, verification $(secs "$t2" "$t3") s)"

if [[ -n "$drop_after" ]]; then
  psql "$RESTORE_ADMIN_URL" -Xq -v ON_ERROR_STOP=1 -v db="$target_db" <<<'drop database :"db";' >/dev/null \
    || log "could not drop $target_db"
fi
if [[ "$bad" != 0 ]]; then
  die "the restore differs from the backup in $bad table(s); rows lost: $lost"
fi
echo "restore drill passed"
