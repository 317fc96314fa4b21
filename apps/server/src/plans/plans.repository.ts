import { and, asc, eq, ilike, inArray } from 'drizzle-orm';
import { escapeLike } from '../clients/clients.repository.js';
import type { Tx } from '../db/database.js';
import { listing } from '../db/listing.js';
import { lineItems, mediaPlans } from '../db/schema.js';

export type PlanRow = typeof mediaPlans.$inferSelect;

const list = listing(mediaPlans, {
  name: { expr: mediaPlans.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: mediaPlans.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  updatedAt: { expr: mediaPlans.updatedAt, kind: 'timestamp', value: (r) => r.updatedAt },
});

export const plansRepository = {
  listQuery(tenantId: string, opts: { projectId?: string; clientId?: string; status?: string; q?: string; sort: string; limit: number; cursor?: string }) {
    return list(
      [
        eq(mediaPlans.tenantId, tenantId),
        opts.projectId ? eq(mediaPlans.projectId, opts.projectId) : undefined,
        opts.clientId ? eq(mediaPlans.clientId, opts.clientId) : undefined,
        opts.status ? eq(mediaPlans.status, opts.status) : undefined,
        opts.q ? ilike(mediaPlans.name, escapeLike(opts.q)) : undefined,
      ],
      opts,
    );
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
