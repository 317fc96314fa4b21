#!/usr/bin/env bash
# Prepares a data directory for point-in-time recovery: unpacks the newest complete base backup
# taken before the target time (or the one named), points restore_command at the WAL archive and
# sets recovery_target_time. Then start PostgreSQL on it: it replays WAL up to the target, and
# promotes (becomes writable) there. The data directory must not exist or be empty.
set -euo pipefail

usage() {
  echo "usage: BACKUP_URL=s3://…|file:///… ${0##*/} <new data directory> <target time, e.g. '2026-11-26 18:30:00+00'> [--base STAMP]" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

[[ $# -ge 2 ]] || { usage; exit 2; }
pgdata="$1" target="$2"; shift 2
base=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base) [[ $# -ge 2 ]] || { usage; exit 2; }; base="$2"; shift 2 ;;
    *) usage; die "unknown argument '$1'" ;;
  esac
done
need_cmd tar sha256sum date
target_epoch="$(date -u -d "$target" +%s 2>/dev/null)" || die "cannot read the target time '$target'"
store_init
if [[ -d "$pgdata" && -n "$(ls -A "$pgdata")" ]]; then die "$pgdata is not empty"; fi

if [[ -z "$base" ]]; then
  # Stamps sort by time; take the newest complete one (with SHA256SUMS) that starts before the target.
  while read -r stamp; do
    [[ "$stamp" =~ ^[0-9]{8}T[0-9]{6}Z$ ]] || continue
    s_epoch="$(date -u -d "${stamp:0:4}-${stamp:4:2}-${stamp:6:2} ${stamp:9:2}:${stamp:11:2}:${stamp:13:2}" +%s)"
    (( s_epoch < target_epoch )) || continue
    store_exists "base/$stamp/SHA256SUMS" && base="$stamp"
  done < <(store_list base)
  [[ -n "$base" ]] || die "no complete base backup before $target under ${BACKUP_URL%/}/base/"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store_get "base/$base/SHA256SUMS" "$work/SHA256SUMS" || die "base backup $base is incomplete (no SHA256SUMS)"
while read -r _ f; do
  store_get "base/$base/$f" "$work/$f" || die "could not fetch base/$base/$f"
done <"$work/SHA256SUMS"
(cd "$work" && sha256sum --quiet -c SHA256SUMS) || die "base backup $base does not match its checksums"

mkdir -p "$pgdata"
chmod 700 "$pgdata"
tar -xzf "$work/base.tar.gz" -C "$pgdata"
if [[ -f "$work/pg_wal.tar.gz" ]]; then tar -xzf "$work/pg_wal.tar.gz" -C "$pgdata/pg_wal"; fi
# Tablespaces (<oid>.tar.gz) are not used by the platform; refuse rather than restore half a cluster.
for f in "$work"/*.tar.gz; do
  case "$(basename "$f")" in base.tar.gz|pg_wal.tar.gz) ;; *) die "tablespace archive $(basename "$f") is not supported here" ;; esac
done

cat >>"$pgdata/postgresql.auto.conf" <<CONF
# point-in-time recovery prepared by ${0##*/} from base backup $base
restore_command = 'BACKUP_URL=$BACKUP_URL $here/wal-restore.sh %f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = 'off'
CONF
touch "$pgdata/recovery.signal"
log "prepared $pgdata from base backup $base, recovering to $target; start PostgreSQL on it"
echo "$base"
