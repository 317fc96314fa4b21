import { randomUUID } from 'node:crypto';
import { enqueue } from '../jobs/outbox.js';
import { Injectable } from '@nestjs/common';
import type { LineItem } from '@mrm/contracts';
import { and, desc, eq } from 'drizzle-orm';
import { actorOf, audit, type AuditActor } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { iso, isoReq } from '../common/http.js';
import { notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { planVersions, users } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { toLineItem } from './lineitems.mapper.js';
import { plansRepository as plans, type PlanRow } from './plans.repository.js';
import { toPlan } from './plans.schema.js';
import { applyChange, mustGet, mustLock } from './plans.service.js';
import { computeTotals } from './totals.js';

type VersionRow = typeof planVersions.$inferSelect;
export interface Snapshot {
  plan: Omit<ReturnType<typeof toPlan>, 'version' | 'status' | 'latestVersion' | 'approvedVersion' | 'createdAt' | 'updatedAt'>;
  lineItems: Array<Omit<LineItem, 'version' | 'createdAt' | 'updatedAt'>>;
}

const summary = (v: VersionRow) => ({
  number: v.number,
  status: v.status as 'in_review' | 'approved' | 'rejected' | 'superseded',
  submittedBy: v.submittedBy,
  submittedAt: isoReq(v.submittedAt),
  decidedBy: v.decidedBy,
  decidedAt: iso(v.decidedAt),
  comment: v.comment,
  totals: v.totals as ReturnType<typeof computeTotals>,
});

/** The plan and its lines as a version keeps them: what was agreed, without row bookkeeping. */
export function freeze(plan: PlanRow, lines: Parameters<typeof toLineItem>[0][]): Snapshot {
  const { version: _v, status: _s, latestVersion: _l, approvedVersion: _a, createdAt: _c, updatedAt: _u, ...frozenPlan } = toPlan(plan);
  return { plan: frozenPlan, lineItems: lines.map((l) => { const { version: _lv, createdAt: _lc, updatedAt: _lu, ...rest } = toLineItem(l); return rest; }) };
}

export async function versionRow(tx: Tx, tenantId: string, planId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await tx.select().from(planVersions).where(and(eq(planVersions.tenantId, tenantId), eq(planVersions.planId, planId), eq(planVersions.number, number)));
  return row;
}

/**
 * Records a decision on the version in review, whoever makes it (a member, or a client through a
 * signed link): the version and the plan move together.
 */
export async function decide(tx: Tx, actor: AuditActor, plan: PlanRow, decision: 'approve' | 'reject', by: string, comment: string | null) {
  const number = plan.latestVersion;
  const version = number ? await versionRow(tx, plan.tenantId, plan.id, number) : undefined;
  if (!version || version.status !== 'in_review' || plan.status !== 'in_review') {
    throw new ProblemException(409, 'invalid-transition', `Cannot ${decision} a plan that is ${plan.status.replace('_', ' ')}: only the version in review can be decided.`, [{ field: 'status', message: `${decision} is not allowed from ${plan.status}` }], {}, { transition: decision, from: plan.status });
  }
  const now = new Date().toISOString();
  await tx
    .update(planVersions)
    .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: by, decidedAt: now, comment })
    .where(eq(planVersions.id, version.id));
  if (decision === 'approve' && plan.approvedVersion) {
    await tx.update(planVersions).set({ status: 'superseded' }).where(and(eq(planVersions.planId, plan.id), eq(planVersions.number, plan.approvedVersion)));
  }
  const row = await applyChange(tx, actor, plan, decision, decision === 'approve' ? { approvedVersion: number } : {}, `plan.${decision}`);
  await audit(tx, actor, { action: `plan_version.${decision}`, entityType: 'plan_version', entityId: `${plan.id}:${number}`, after: { by, comment } });
  return row;
}

@Injectable()
export class VersionsService {
  constructor(private readonly tenancy: Tenancy) {}

  /** Freezes the plan and its lines as the next numbered version and puts the plan in review. */
  submit(ctx: RequestContext, planId: string, comment: string | undefined) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      const lines = await plans.lines(tx, access.tenantId, planId);
      if (plan.status === 'draft' && lines.length === 0) {
        throw new ProblemException(409, 'empty-plan', 'A plan without line items cannot be submitted.', [{ field: 'lineItems', message: 'add at least one line' }]);
      }
      const number = (plan.latestVersion ?? 0) + 1;
      const updated = await applyChange(tx, actorOf(access), plan, 'submit', { latestVersion: number }, 'plan.submit');
      const snapshot = freeze(updated, lines);
      const [author] = access.actorType === 'user' ? await tx.select({ name: users.name }).from(users).where(eq(users.id, access.actorId)) : [];
      await tx.insert(planVersions).values({
        id: randomUUID(),
        tenantId: access.tenantId,
        clientId: plan.clientId,
        planId,
        number,
        status: 'in_review',
        snapshot,
        totals: computeTotals(lines, plan),
        submittedBy: author?.name ?? 'API client',
        comment: comment ?? null,
      });
      await enqueue(tx, 'plan.review-requested', { tenantId: access.tenantId, planId, version: number }, `${planId}.${number}`);
      await audit(tx, actorOf(access), { action: 'plan_version.submit', entityType: 'plan_version', entityId: `${planId}:${number}`, after: { number, lines: lines.length, comment: comment ?? null } });
      return { ...toPlan(updated), totals: computeTotals(lines, updated) };
    });
  }

  decide(ctx: RequestContext, planId: string, decision: 'approve' | 'reject', comment: string | undefined) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      const [me] = access.actorType === 'user' ? await tx.select({ name: users.name }).from(users).where(eq(users.id, access.actorId)) : [];
      const row = await decide(tx, actorOf(access), plan, decision, me?.name ?? 'API client', comment ?? null);
      await enqueue(tx, 'plan.decided', { tenantId: access.tenantId, planId, version: row.latestVersion! }, `${planId}.${row.latestVersion}`);
      return { ...toPlan(row), totals: computeTotals(await plans.lines(tx, access.tenantId, planId), row) };
    });
  }

  list(ctx: RequestContext, planId: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      const rows = await tx.select().from(planVersions).where(and(eq(planVersions.tenantId, access.tenantId), eq(planVersions.planId, planId))).orderBy(desc(planVersions.number));
      return { items: rows.map(summary) };
    });
  }

  get(ctx: RequestContext, planId: string, number: number) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      const row = await versionRow(tx, access.tenantId, planId, number);
      if (!row) throw notFound(`Version ${number}`);
      return { ...summary(row), ...(row.snapshot as Snapshot) };
    });
  }

  diff(ctx: RequestContext, planId: string, from: number, to: number) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      const [a, b] = await Promise.all([versionRow(tx, access.tenantId, planId, from), versionRow(tx, access.tenantId, planId, to)]);
      if (!a) throw notFound(`Version ${from}`);
      if (!b) throw notFound(`Version ${to}`);
      return { from, to, ...diffSnapshots(a.snapshot as Snapshot, b.snapshot as Snapshot) };
    });
  }
}

const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

function changes(before: Record<string, unknown>, after: Record<string, unknown>, skip: string[] = []) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.includes(k)).sort();
  return keys.filter((k) => !same(before[k], after[k])).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** Line-level differences between two frozen versions: added, removed, and changed fields with old and new values. */
export function diffSnapshots(a: Snapshot, b: Snapshot) {
  const left = new Map(a.lineItems.map((l) => [l.id, l]));
  const right = new Map(b.lineItems.map((l) => [l.id, l]));
  return {
    added: b.lineItems.filter((l) => !left.has(l.id)).map((l) => ({ id: l.id, name: l.name })),
    removed: a.lineItems.filter((l) => !right.has(l.id)).map((l) => ({ id: l.id, name: l.name })),
    changed: b.lineItems
      .filter((l) => left.has(l.id))
      .map((l) => ({ id: l.id, name: l.name, changes: changes(left.get(l.id) as Record<string, unknown>, l as Record<string, unknown>, ['position']) }))
      .filter((c) => c.changes.length > 0),
    planChanges: changes(a.plan as Record<string, unknown>, b.plan as Record<string, unknown>),
  };
}
