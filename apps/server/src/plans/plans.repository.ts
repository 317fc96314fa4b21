import { asc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { escapeLike } from '../clients/clients.repository.js';
import { allOf, keyset, page, type SortSpec } from '../common/pagination.js';
import type { Tx } from '../db/database.js';
import { rowMapper } from '../db/rows.js';
import { lineItems, mediaPlans } from '../db/schema.js';
import { and } from 'drizzle-orm';

export type PlanRow = typeof mediaPlans.$inferSelect;

const qb = new QueryBuilder();
const toRow = rowMapper(mediaPlans);
const SORTS: Record<string, { expr: SortSpec['expr']; kind: SortSpec['kind']; value: (r: PlanRow) => string }> = {
  name: { expr: mediaPlans.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: mediaPlans.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  updatedAt: { expr: mediaPlans.updatedAt, kind: 'timestamp', value: (r) => r.updatedAt },
};

export const plansRepository = {
  listQuery(tenantId: string, opts: { projectId?: string; clientId?: string; status?: string; q?: string; sort: string; limit: number; cursor?: string }) {
    const sort = SORTS[opts.sort.replace(/^-/, '')];
    const { where, orderBy } = keyset({ expr: sort.expr, kind: sort.kind, descending: opts.sort.startsWith('-') }, mediaPlans.id, opts.cursor);
    const filters: Array<SQL | undefined> = [
      eq(mediaPlans.tenantId, tenantId),
      opts.projectId ? eq(mediaPlans.projectId, opts.projectId) : undefined,
      opts.clientId ? eq(mediaPlans.clientId, opts.clientId) : undefined,
      opts.status ? eq(mediaPlans.status, opts.status) : undefined,
      opts.q ? ilike(mediaPlans.name, escapeLike(opts.q)) : undefined,
      where,
    ];
    const query = qb.select().from(mediaPlans).where(allOf(...filters)).orderBy(...orderBy).limit(opts.limit + 1);
    return { query, page: (rows: Array<Record<string, unknown>>) => page(rows.map(toRow), opts.limit, sort.value) };
  },

  /** Locks the plan row: every change to a plan or its lines goes through this, one at a time. */
  async lock(tx: Tx, tenantId: string, id: string): Promise<PlanRow | undefined> {
    const [row] = await tx.select().from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, id))).for('update');
    return row;
  },

  async get(tx: Tx, tenantId: string, id: string): Promise<PlanRow | undefined> {
    const [row] = await tx.select().from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, id)));
    return row;
  },

  async lines(tx: Tx, tenantId: string, planId: string) {
    return tx.select().from(lineItems).where(and(eq(lineItems.tenantId, tenantId), eq(lineItems.planId, planId))).orderBy(asc(lineItems.position), asc(lineItems.id));
  },

  async linesByIds(tx: Tx, tenantId: string, planId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return tx.select().from(lineItems).where(and(eq(lineItems.tenantId, tenantId), eq(lineItems.planId, planId), inArray(lineItems.id, ids)));
  },
};
