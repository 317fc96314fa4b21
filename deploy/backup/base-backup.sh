#!/usr/bin/env bash
# Physical base backup for point-in-time recovery: pg_basebackup (tar format, gzip, with the WAL
# needed to make it consistent) uploaded under $BACKUP_URL/base/<stamp>/. Together with the WAL
# archive (wal-archive.sh) it restores the cluster to any moment after the backup (pitr-restore.sh).
# DATABASE_URL: a role with the REPLICATION attribute; pg_hba.conf must allow it a replication connection.
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://… BACKUP_URL=s3://bucket/prefix|file:///path ${0##*/}" >&2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage; die "unknown argument '$1'" ;;
esac
[[ -n "${DATABASE_URL:-}" ]] || { usage; die "DATABASE_URL is not set"; }
need_cmd pg_basebackup sha256sum
store_init

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

pg_basebackup --dbname="$DATABASE_URL" --pgdata="$work/backup" --format=tar --gzip \
  --wal-method=stream --checkpoint=fast --label="mrm-base-$stamp" --no-password \
  || die "pg_basebackup failed"

(cd "$work/backup" && sha256sum -- *) >"$work/SHA256SUMS"
for f in "$work"/backup/*; do
  store_put "$f" "base/$stamp/$(basename "$f")"
done
# Uploaded last: a base backup without SHA256SUMS is incomplete and is never used.
store_put "$work/SHA256SUMS" "base/$stamp/SHA256SUMS"
log "base backup $stamp: $(du -sh "$work/backup" | cut -f1), $(( $(date +%s) - start )) s -> ${BACKUP_URL%/}/base/$stamp/"
echo "$stamp"
