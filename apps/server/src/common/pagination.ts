import { and, asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { invalid } from './problem.js';

export interface SortSpec {
  /** What the rows are ordered by; must be non-null (coalesce nullable columns). */
  expr: SQL | AnyColumn;
  descending: boolean;
}

type Cursor = [string | number, string];

export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id] satisfies Cursor)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && ['string', 'number'].includes(typeof parsed[0]) && typeof parsed[1] === 'string') {
      return parsed as Cursor;
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'is not a cursor this API returned');
}

/** Keyset pagination on (sort expression, id): stable under inserts, no OFFSET scans. */
export function keyset(spec: SortSpec, idColumn: AnyColumn, cursor: Cursor | null): { where: SQL | undefined; orderBy: SQL[] } {
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
