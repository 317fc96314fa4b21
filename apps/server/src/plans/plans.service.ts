import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PlanStatus } from '@mrm/contracts';
import { normalizeAmount } from '@mrm/planning';
import { and, eq, sql } from 'drizzle-orm';
import { actorOf, audit, type AuditActor } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { requireIfMatch } from '../common/http.js';
import { invalid, notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { mediaPlans } from '../db/schema.js';
import { projectsRepository } from '../projects/projects.repository.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { plansRepository as repo, type PlanRow } from './plans.repository.js';
import { toPlan, type CreateMediaPlanDto, type MediaPlanListQueryDto, type UpdateMediaPlanDto } from './plans.schema.js';
import { computeTotals } from './totals.js';
import { transition, type Transition } from './workflow.js';

const money = (v: string | null | undefined) => (v == null ? v : normalizeAmount(v));

/** Plans as a whole: create, read with totals, edit, and the status moves that are not reviews. */
@Injectable()
export class PlansService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(ctx: RequestContext, query: MediaPlanListQueryDto) {
    const list = repo.listQuery(ctx.tenantId, query);
    const result = list.page(await this.tenancy.read(ctx, list.query, { replica: true }));
    return { items: result.items.map(toPlan), nextCursor: result.nextCursor };
  }

  get(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustGet(tx, access, id);
      return withTotals(plan, await repo.lines(tx, access.tenantId, id));
    });
  }

  create(ctx: RequestContext, body: CreateMediaPlanDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const project = await projectsRepository.get(tx, access.tenantId, body.projectId);
      if (!project) throw invalid('projectId', 'no such project in this workspace');
      if (project.status === 'archived') throw new ProblemException(409, 'project-archived', 'The project is archived; restore it before adding plans.', [{ field: 'projectId', message: 'project is archived' }]);
      const [row] = await tx
        .insert(mediaPlans)
        .values({
          id: randomUUID(),
          tenantId: access.tenantId,
          projectId: project.id,
          clientId: project.clientId,
          name: body.name,
          currency: body.currency ?? project.currency,
          budget: money(body.budget) ?? project.budget,
          startDate: body.startDate ?? project.startDate,
          endDate: body.endDate ?? project.endDate,
          vatRate: body.vatRate ?? '20',
          agencyCommission: body.agencyCommission ?? '0',
          notes: body.notes ?? null,
          createdBy: access.actorType === 'user' ? access.actorId : null,
        })
        .returning();
      await audit(tx, actorOf(access), { action: 'plan.create', entityType: 'media_plan', entityId: row.id, after: toPlan(row) });
      return withTotals(row, []);
    });
  }

  update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: UpdateMediaPlanDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, id);
      requireIfMatch(ifMatch, plan.version);
      const merged = { startDate: plan.startDate, endDate: plan.endDate, ...body };
      if (merged.startDate && merged.endDate && merged.endDate < merged.startDate) throw invalid('endDate', 'must not be before startDate');
      const row = await applyChange(tx, actorOf(access), plan, 'edit', { ...body, budget: money(body.budget) }, 'plan.update');
      return withTotals(row, await repo.lines(tx, access.tenantId, id));
    });
  }

  move(ctx: RequestContext, id: string, t: Extract<Transition, 'archive' | 'restore' | 'activate' | 'complete'>) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, id);
      const row = await applyChange(tx, actorOf(access), plan, t, {}, `plan.${t}`);
      return withTotals(row, await repo.lines(tx, access.tenantId, id));
    });
  }
}

export async function mustGet(tx: Tx, access: Access, id: string): Promise<PlanRow> {
  const plan = await repo.get(tx, access.tenantId, id);
  if (!plan) throw notFound('Media plan');
  return plan;
}

export async function mustLock(tx: Tx, access: Access, id: string): Promise<PlanRow> {
  const plan = await repo.lock(tx, access.tenantId, id);
  if (!plan) throw notFound('Media plan');
  return plan;
}

/** Applies a transition (and field changes) to a locked plan, bumping its version and auditing it. */
export async function applyChange(tx: Tx, actor: AuditActor, plan: PlanRow, t: Transition, patch: Partial<PlanRow>, action: string): Promise<PlanRow> {
  const status = transition(t, plan.status as PlanStatus);
  const [row] = await tx
    .update(mediaPlans)
    .set({ ...patch, status, version: sql`${mediaPlans.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(mediaPlans.tenantId, plan.tenantId), eq(mediaPlans.id, plan.id)))
    .returning();
  await audit(tx, actor, { action, entityType: 'media_plan', entityId: plan.id, before: toPlan(plan), after: toPlan(row) });
  if (t === 'edit' && plan.status !== 'draft') {
    await audit(tx, actor, { action: 'plan.reopen', entityType: 'media_plan', entityId: plan.id, before: { status: plan.status }, after: { status: 'draft' } });
  }
  return row;
}

export function withTotals(plan: PlanRow, lines: Array<{ channel: string | null; partner: string | null; costTotal: string; startDate: string; endDate: string; flighting: unknown }>) {
  return { ...toPlan(plan), totals: computeTotals(lines, plan) };
}
