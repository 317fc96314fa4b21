import { eq, ilike, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { rowMapper } from '../db/rows.js';
import { versionedRows } from '../db/versioned.js';
import { projects } from '../db/schema.js';
import { allOf, keyset, page, type SortSpec } from '../common/pagination.js';
import { escapeLike } from '../clients/clients.repository.js';

export type ProjectRow = typeof projects.$inferSelect;

const qb = new QueryBuilder();
const toRow = rowMapper(projects);

// start_date is nullable: undated projects sort as if dated at the dawn of time, so keysets stay total.
const startDate = sql`coalesce(${projects.startDate}, '0001-01-01'::date)`;
const SORTS: Record<string, { expr: SortSpec['expr']; kind: SortSpec['kind']; value: (r: ProjectRow) => string }> = {
  name: { expr: projects.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: projects.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  startDate: { expr: startDate, kind: 'date', value: (r) => r.startDate ?? '0001-01-01' },
};

export const projectsRepository = {
  /** The list page as one query (run through Tenancy.read); `page` turns its rows into items and a cursor. */
  listQuery(tenantId: string, opts: { status?: string; clientId?: string; q?: string; sort: string; limit: number; cursor?: string }) {
    const sort = SORTS[opts.sort.replace(/^-/, '')];
    const { where, orderBy } = keyset({ expr: sort.expr, kind: sort.kind, descending: opts.sort.startsWith('-') }, projects.id, opts.cursor);
    const filters: Array<SQL | undefined> = [
      eq(projects.tenantId, tenantId),
      opts.status ? eq(projects.status, opts.status) : undefined,
      opts.clientId ? eq(projects.clientId, opts.clientId) : undefined,
      opts.q ? ilike(projects.name, escapeLike(opts.q)) : undefined,
      where,
    ];
    const query = qb.select().from(projects).where(allOf(...filters)).orderBy(...orderBy).limit(opts.limit + 1);
    return { query, page: (rows: Array<Record<string, unknown>>) => page(rows.map(toRow), opts.limit, sort.value) };
  },

  ...versionedRows(projects),
};
