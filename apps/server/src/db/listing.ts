import type { AnyColumn, SQL } from 'drizzle-orm';
import { QueryBuilder, type PgTable } from 'drizzle-orm/pg-core';
import { allOf, keyset, page, type SortSpec } from '../common/pagination.js';
import { rowMapper } from './rows.js';

export interface SortDef<R> {
  expr: SortSpec['expr'];
  kind: SortSpec['kind'];
  /** The sort value of a row, as a cursor carries it. */
  value: (row: R) => string;
}

const qb = new QueryBuilder();

/**
 * A keyset-paged list of one table as a single query (run through Tenancy.read) and the function
 * that turns its raw rows into items and the next cursor. `sort` is a key of `sorts`, `-` for descending.
 */
export function listing<T extends PgTable & { id: AnyColumn }>(table: T, sorts: Record<string, SortDef<T['$inferSelect']>>) {
  type Row = T['$inferSelect'] & { id: string };
  const toRow = rowMapper(table) as (raw: Record<string, unknown>) => Row;
  return (filters: Array<SQL | undefined>, opts: { sort: string; limit: number; cursor?: string }) => {
    const sort = sorts[opts.sort.replace(/^-/, '')];
    const { where, orderBy } = keyset({ expr: sort.expr, kind: sort.kind, descending: opts.sort.startsWith('-') }, table.id, opts.cursor);
    const query = qb
      .select()
      .from(table as PgTable)
      .where(allOf(...filters, where))
      .orderBy(...orderBy)
      .limit(opts.limit + 1);
    return { query, page: (rows: Array<Record<string, unknown>>) => page<Row>(rows.map(toRow), opts.limit, sort.value) };
  };
}
