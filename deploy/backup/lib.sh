# shellcheck shell=bash
# Shared by the backup scripts (sourced, not run): messages, the object-storage adapter behind
# BACKUP_URL, and the per-table row count + checksum that the manifest records and the drill checks.
#
#   BACKUP_URL=s3://bucket/prefix   uses the AWS CLI (`aws s3 cp/ls`, `aws s3api`), which the image
#                                   or CronJob must provide, with credentials from its environment
#                                   (IRSA / instance profile); S3 writes are all-or-nothing.
#   BACKUP_URL=file:///path         a local or mounted disk; files are written aside and renamed.

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }
log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

need_cmd() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || die "'$c' is not installed or not on PATH"; done
}

# Validates BACKUP_URL and sets STORE_KIND (file|s3) and STORE_ROOT (a folder, or s3://bucket/prefix).
store_init() {
  [[ -n "${BACKUP_URL:-}" ]] || die "BACKUP_URL is not set (s3://bucket/prefix or file:///path)"
  case "$BACKUP_URL" in
    file:///*)
      STORE_KIND="file"
      STORE_ROOT="${BACKUP_URL#file://}"
      STORE_ROOT="${STORE_ROOT%/}"
      mkdir -p "$STORE_ROOT" || die "cannot create $STORE_ROOT"
      ;;
    s3://?*)
      STORE_KIND="s3"
      STORE_ROOT="${BACKUP_URL%/}"
      need_cmd aws
      ;;
    *) die "BACKUP_URL must start with s3:// or file:/// (got '$BACKUP_URL')" ;;
  esac
}

# store_put LOCAL KEY — upload a file; a reader never sees it half written.
store_put() {
  local src="$1" key="$2"
  if [[ "$STORE_KIND" == file ]]; then
    local dest="$STORE_ROOT/$key" tmp
    mkdir -p "$(dirname "$dest")"
    tmp="$(dirname "$dest")/.tmp.$$.$(basename "$dest")"
    if ! { cp "$src" "$tmp" && sync "$tmp" && mv -f "$tmp" "$dest"; }; then
      rm -f "$tmp"
      die "could not write $dest"
    fi
  else
    aws s3 cp --only-show-errors "$src" "$STORE_ROOT/$key" || die "upload to $STORE_ROOT/$key failed"
  fi
}

# store_get KEY LOCAL — download a file (non-zero if it is not there).
store_get() {
  local key="$1" dest="$2"
  if [[ "$STORE_KIND" == file ]]; then
    [[ -f "$STORE_ROOT/$key" ]] || return 1
    cp "$STORE_ROOT/$key" "$dest"
  else
    aws s3 cp --only-show-errors "$STORE_ROOT/$key" "$dest"
  fi
}

# store_exists KEY
store_exists() {
  if [[ "$STORE_KIND" == file ]]; then
    [[ -f "$STORE_ROOT/$1" ]]
  else
    local bucket_key="${STORE_ROOT#s3://}/$1"
    aws s3api head-object --bucket "${bucket_key%%/*}" --key "${bucket_key#*/}" >/dev/null 2>&1
  fi
}

# store_list DIR — the file names directly under DIR, sorted.
store_list() {
  local dir="${1%/}"
  if [[ "$STORE_KIND" == file ]]; then
    [[ -d "$STORE_ROOT/$dir" ]] || return 0
    find "$STORE_ROOT/$dir" -mindepth 1 -maxdepth 1 ! -name '.tmp.*' -printf '%f\n' | sort
  else
    aws s3 ls "$STORE_ROOT/$dir/" | awk '{print $NF}' | sed 's#/$##' | sort
  fi
}

# The settings every checksum is computed under, so the text of a row is the same on both sides.
# row_security=off makes a role that would see only some rows fail instead of counting too few.
# shellcheck disable=SC2034 # used by the scripts that source this file
STATS_SETTINGS="set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres';
set extra_float_digits = 1; set bytea_output = 'hex'; set row_security = off;"

# SQL (for psql -AtX -F '<tab>') printing one line per user table: schema.table, rows, checksum.
# The checksum is the sum of each row's md5 (first 64 bits, as a number): independent of row order
# and of constant memory, so it also works on tables far larger than one string can hold.
# shellcheck disable=SC2034
STATS_SQL="select format(
  'select %L, count(*), coalesce(sum((''x'' || left(md5(r::text), 16))::bit(64)::bigint::numeric), 0) from %s as r',
  n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and not c.relispartition
  and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
order by 1
\\gexec"
