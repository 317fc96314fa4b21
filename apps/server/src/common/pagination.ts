import { and, asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { invalid } from './problem.js';

export type PositionKind = 'text' | 'timestamp' | 'date' | 'integer';

export interface SortSpec {
  /** What the rows are ordered by; must be non-null (coalesce nullable columns). */
  expr: SQL | AnyColumn;
  descending: boolean;
  /** What a cursor position for this sort looks like; anything else never reaches the database. */
  kind: PositionKind;
}

type Cursor = [string | number, string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSITION: Record<PositionKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000,
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  integer: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};

export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id] satisfies Cursor)).toString('base64url');
}

/** A cursor is only ever one this API handed out for the same sort; anything else is a 400. */
export function decodeCursor(cursor: string | undefined, kind: PositionKind): Cursor | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && POSITION[kind](parsed[0]) && typeof parsed[1] === 'string' && UUID.test(parsed[1])) {
    return parsed as Cursor;
  }
  throw invalid('cursor', 'is not a cursor this API returned for this sort order');
}

/** Keyset pagination on (sort expression, id): stable under inserts, no OFFSET scans. */
export function keyset(spec: SortSpec, idColumn: AnyColumn, rawCursor: string | undefined): { where: SQL | undefined; orderBy: SQL[] } {
  const cursor = decodeCursor(rawCursor, spec.kind);
  const dir = spec.descending ? desc : asc;
  const orderBy = [dir(spec.expr as AnyColumn), dir(idColumn)];
  if (!cursor) return { where: undefined, orderBy };
  const [value, id] = cursor;
  const where = spec.descending
    ? sql`(${spec.expr}, ${idColumn}) < (${value}, ${id}::uuid)`
    : sql`(${spec.expr}, ${idColumn}) > (${value}, ${id}::uuid)`;
  return { where, orderBy };
}

/** Fetches limit + 1 rows to know whether another page exists. */
export function page<R extends { id: string }>(rows: R[], limit: number, sortValue: (r: R) => string | number): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null };
}

export const allOf = (...conds: Array<SQL | undefined>) => and(...conds.filter((c): c is SQL => c !== undefined));
