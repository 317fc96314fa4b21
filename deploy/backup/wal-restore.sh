#!/usr/bin/env bash
# PostgreSQL's restore_command during point-in-time recovery: fetches one archived WAL file.
#   restore_command = 'BACKUP_URL=s3://bucket/prefix /opt/mrm/backup/wal-restore.sh %f %p'
# A file that is not in the archive is a normal non-zero exit (recovery asks for files past the
# end of the archive, and for .history files that may not exist).
set -euo pipefail

usage() { echo "usage: BACKUP_URL=s3://bucket/prefix|file:///path ${0##*/} <file name %f> <destination %p>" >&2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

[[ $# -eq 2 ]] || { usage; exit 2; }
fname="$1" dest="$2"
store_init
store_exists "wal/$fname" || exit 1
tmp="$dest.tmp.$$"
trap 'rm -f "$tmp"' EXIT
store_get "wal/$fname" "$tmp" || die "could not fetch wal/$fname"
mv -f "$tmp" "$dest"
