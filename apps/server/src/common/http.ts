import { invalid, preconditionFailed, preconditionRequired } from './problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A path id that is not a UUID is a malformed request, named as such. */
export function pathId(value: string, field = 'id'): string {
  if (!isUuid(value)) throw invalid(field, 'must be a UUID');
  return value.toLowerCase();
}

export const etagOf = (version: number) => `"v${version}"`;

/** If-Match is required on updates so no edit ever silently overwrites another. */
export function requireIfMatch(header: string | string[] | undefined, version: number): void {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw preconditionRequired();
  const tags = value.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(etagOf(version))) throw preconditionFailed(etagOf(version));
}

// PostgreSQL's UTC text form, e.g. "2026-11-26 09:19:04.597123+00".
const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00(?::00)?$/;

/** Timestamps leave the API as ISO 8601 (UTC, milliseconds), whatever shape the driver handed us. */
export function isoReq(value: string | Date): string {
  if (typeof value === 'string') {
    // Rewriting the text beats Date parsing on list pages of hundreds of timestamps.
    const m = PG_UTC.exec(value);
    if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  }
  return new Date(value).toISOString();
}
export const iso = (value: string | Date | null | undefined): string | null => (value == null ? null : isoReq(value));
