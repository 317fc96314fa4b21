// What the builders read, in the run's workspace: the plan as it is now (plan vs actual, pacing)
// or an approved version's snapshot (media plan, insertion order), with the names around it.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { clients, mediaPlans, planVersions, tenants } from '../db/schema.js';
import { plansRepository, type PlanRow } from '../plans/plans.repository.js';
import type { Snapshot } from '../plans/versions.service.js';

export interface Names {
  agency: string;
  client: string;
}

async function names(tx: Tx, tenantId: string, clientId: string): Promise<Names> {
  const [t] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  const [c] = await tx.select({ name: clients.name }).from(clients).where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)));
  return { agency: t?.name ?? '', client: c?.name ?? '' };
}

export interface LivePlan {
  plan: PlanRow;
  lines: Awaited<ReturnType<typeof plansRepository.lines>>;
  names: Names;
}

export async function livePlan(tx: Tx, tenantId: string, planId: string): Promise<LivePlan | null> {
  const plan = await plansRepository.get(tx, tenantId, planId);
  if (!plan) return null;
  return { plan, lines: await plansRepository.lines(tx, tenantId, planId), names: await names(tx, tenantId, plan.clientId) };
}

export interface FrozenPlan {
  snapshot: Snapshot;
  number: number;
  status: string;
  decidedAt: string | null;
  names: Names;
}

/** The version asked for, or the plan's latest approved one; null when there is none. */
export async function frozenPlan(tx: Tx, tenantId: string, planId: string, version?: number): Promise<FrozenPlan | null> {
  const [plan] = await tx.select({ clientId: mediaPlans.clientId }).from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, planId)));
  if (!plan) return null;
  const where = version === undefined
    ? and(eq(planVersions.tenantId, tenantId), eq(planVersions.planId, planId), eq(planVersions.status, 'approved'))
    : and(eq(planVersions.tenantId, tenantId), eq(planVersions.planId, planId), eq(planVersions.number, version));
  const [v] = await tx.select().from(planVersions).where(where).orderBy(desc(planVersions.number)).limit(1);
  if (!v) return null;
  return { snapshot: v.snapshot as Snapshot, number: v.number, status: v.status, decidedAt: v.decidedAt, names: await names(tx, tenantId, plan.clientId) };
}
