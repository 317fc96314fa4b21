#!/usr/bin/env bash
# PostgreSQL's archive_command: copies one finished WAL segment (or .history/.backup file) to
# $BACKUP_URL/wal/. postgresql.conf:
#   archive_command = 'BACKUP_URL=s3://bucket/prefix /opt/mrm/backup/wal-archive.sh %p %f'
# Exit 0 only when the file is safely stored: PostgreSQL keeps the segment and retries otherwise.
# Idempotent: an identical copy already there is success (a retry after a lost reply); a different
# file under the same name is an error (two clusters archiving into one place). Never partial: the
# file is written under a temporary name and linked/put into place only when complete.
set -euo pipefail

usage() { echo "usage: BACKUP_URL=s3://bucket/prefix|file:///path ${0##*/} <path %p> <file name %f>" >&2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

[[ $# -eq 2 ]] || { usage; exit 2; }
src="$1" fname="$2"
[[ "$fname" =~ ^[0-9A-F]{8,24}(\.partial|\.history|\.[0-9A-F]{8}\.backup)?$ ]] || die "'$fname' is not a WAL file name"
[[ -f "$src" ]] || die "WAL file '$src' does not exist"
store_init
key="wal/$fname"

if [[ "$STORE_KIND" == file ]]; then
  dest="$STORE_ROOT/$key"
  mkdir -p "$(dirname "$dest")"
  if [[ -e "$dest" ]]; then
    cmp -s "$src" "$dest" && exit 0
    die "$dest already exists with different contents; refusing to overwrite"
  fi
  tmp="$(dirname "$dest")/.tmp.$$.$fname"
  trap 'rm -f "$tmp"' EXIT
  cp "$src" "$tmp" || die "could not copy $src"
  sync "$tmp" || die "could not flush $tmp"
  # A hard link never replaces an existing file: if another run got there first, compare again.
  if ! ln "$tmp" "$dest" 2>/dev/null; then
    cmp -s "$src" "$dest" && exit 0
    die "could not store $dest (or it appeared with different contents)"
  fi
  sync "$(dirname "$dest")" || true
  exit 0
fi

# S3: a conditional put (If-None-Match: *) never overwrites; on a conflict compare with what is there.
bucket_key="${STORE_ROOT#s3://}/$key"
bucket="${bucket_key%%/*}" object="${bucket_key#*/}"
if aws s3api put-object --bucket "$bucket" --key "$object" --body "$src" --if-none-match '*' >/dev/null 2>"${TMPDIR:-/tmp}/wal-archive.$$.err"; then
  rm -f "${TMPDIR:-/tmp}/wal-archive.$$.err"
  exit 0
fi
err="$(cat "${TMPDIR:-/tmp}/wal-archive.$$.err")"; rm -f "${TMPDIR:-/tmp}/wal-archive.$$.err"
if [[ "$err" == *PreconditionFailed* || "$err" == *"(412)"* ]]; then
  existing="$(mktemp)"
  trap 'rm -f "$existing"' EXIT
  aws s3 cp --only-show-errors "s3://$bucket/$object" "$existing" || die "could not read back s3://$bucket/$object"
  cmp -s "$src" "$existing" && exit 0
  die "s3://$bucket/$object already exists with different contents; refusing to overwrite"
fi
die "upload of $fname failed: $err"
