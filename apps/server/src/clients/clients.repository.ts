import { eq, ilike, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { rowMapper } from '../db/rows.js';
import { versionedRows } from '../db/versioned.js';
import { clients } from '../db/schema.js';
import { allOf, keyset, page, type SortSpec } from '../common/pagination.js';

export type ClientRow = typeof clients.$inferSelect;

const qb = new QueryBuilder();
const toRow = rowMapper(clients);
export type ClientSort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

const SORTS: Record<string, { expr: SortSpec['expr']; kind: SortSpec['kind']; value: (r: ClientRow) => string }> = {
  name: { expr: clients.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: clients.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  updatedAt: { expr: clients.updatedAt, kind: 'timestamp', value: (r) => r.updatedAt },
};

export const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Every function takes the tenant: RLS backs it, but no query here relies on RLS alone.
export const clientsRepository = {
  /** The list page as one query (run through Tenancy.read); `page` turns its rows into items and a cursor. */
  listQuery(tenantId: string, opts: { status?: string; q?: string; sort: ClientSort; limit: number; cursor?: string }) {
    const key = opts.sort.replace(/^-/, '');
    const sort = SORTS[key];
    const { where, orderBy } = keyset({ expr: sort.expr, kind: sort.kind, descending: opts.sort.startsWith('-') }, clients.id, opts.cursor);
    const filters: Array<SQL | undefined> = [
      eq(clients.tenantId, tenantId),
      opts.status ? eq(clients.status, opts.status) : undefined,
      opts.q ? ilike(clients.name, escapeLike(opts.q)) : undefined,
      where,
    ];
    const query = qb.select().from(clients).where(allOf(...filters)).orderBy(...orderBy).limit(opts.limit + 1);
    return { query, page: (rows: Array<Record<string, unknown>>) => page(rows.map(toRow), opts.limit, sort.value) };
  },

  ...versionedRows(clients),
};
