import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray } from 'drizzle-orm';
import { fromMinor, offPace, pacingPercent } from '@mrm/planning';
import { DailyStatsRepository } from '../analytics/index.js';
import { todayUtc } from '../connectors/index.js';
import type { RequestContext } from '../common/context.js';
import { notFound } from '../common/problem.js';
import { CONFIG, type Config } from '../config/config.js';
import { lineItems, mediaPlans, notifications } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { plansRepository } from '../plans/plans.repository.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { lineFigures, performanceReport, type LineFigures, type PerfBy, type PerfGrain, type PerfPlan } from './performance.maths.js';
import { perfLine, planActuals } from './plan-actuals.js';

/** The plans whose pacing the dashboard follows: approved and live. */
export const PACING_PLAN_STATUSES = ['approved', 'active'] as const;

@Injectable()
export class PerformanceService {
  constructor(
    private readonly tenancy: Tenancy,
    @Inject(DailyStatsRepository) private readonly stats: DailyStatsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get threshold(): string {
    return this.config.PACING_ALERT_PERCENT;
  }

  async planPerformance(ctx: RequestContext, planId: string, q: { grain: PerfGrain; by: PerfBy; asOf?: string }) {
    const asOf = q.asOf ?? todayUtc();
    const { plan, lines } = await this.tenancy.run(ctx, async (tx) => {
      const plan = await plansRepository.get(tx, ctx.tenantId, planId);
      return { plan, lines: plan ? await plansRepository.lines(tx, ctx.tenantId, planId) : [] };
    }, { replica: true });
    if (!plan) throw notFound('Media plan');
    const perf = lines.map(perfLine);
    const rows = await planActuals(this.stats, ctx.tenantId, perf, asOf, plan.clientId);
    const figs = lineFigures(plan, perf, rows, asOf);
    // A draft or a plan in review is not spending yet as far as anyone has agreed: no alerts.
    if ((PACING_PLAN_STATUSES as readonly string[]).includes(plan.status)) await this.raiseAlerts(ctx, plan, figs, asOf);
    return performanceReport(plan, figs, { asOf, grain: q.grain, by: q.by, threshold: this.threshold });
  }

  /**
   * A matched line more than the threshold off pace raises one notification per line per UTC day,
   * and only when the figures are as of today: a look at a past date describes the past.
   */
  private async raiseAlerts(ctx: RequestContext, plan: PerfPlan, figs: readonly LineFigures[], asOf: string) {
    const day = todayUtc();
    if (asOf !== day) return;
    const off = figs.filter((f) => f.matched && offPace(f.pacing, this.threshold));
    if (!off.length) return;
    const values = off.map((f) => ({
      id: randomUUID(),
      tenantId: ctx.tenantId,
      userId: null,
      kind: 'pacing',
      entity: `line_item:${f.line.id}`,
      dedupKey: `pacing:${f.line.id}:${day}`,
      payload: {
        planId: plan.id, planName: plan.name, lineItemId: f.line.id, lineName: f.line.name, asOf, currency: plan.currency,
        pacingPercent: f.pacing, direction: Number(f.pacing) > 100 ? 'over' : 'under', thresholdPercent: this.threshold,
        plannedToDate: fromMinor(f.plannedToDate), actualToDate: fromMinor(f.actualToDate.cost), amounts: 'net',
      },
    }));
    await this.tenancy.run(ctx, async (tx) => {
      const raised = await tx.insert(notifications).values(values).onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupKey] }).returning({ id: notifications.id });
      // Only a notice raised just now is mailed: a second look the same day finds it there and sends nothing.
      for (const { id } of raised) await enqueue(tx, 'pacing.alert', { tenantId: ctx.tenantId, notificationId: id }, id);
    });
  }

  async dashboard(ctx: RequestContext) {
    const asOf = todayUtc();
    const statuses = [...PACING_PLAN_STATUSES];
    const { plans, lines } = await this.tenancy.run(ctx, async (tx) => {
      const plans = await tx.select().from(mediaPlans).where(and(eq(mediaPlans.tenantId, ctx.tenantId), inArray(mediaPlans.status, statuses)));
      const lines = plans.length ? await tx.select().from(lineItems).where(and(eq(lineItems.tenantId, ctx.tenantId), inArray(lineItems.planId, plans.map((p) => p.id)))) : [];
      return { plans, lines };
    }, { replica: true });
    const perf = lines.map(perfLine);
    const rows = await planActuals(this.stats, ctx.tenantId, perf, asOf);
    const currencies = new Map<string, { plans: number; planned: bigint; plannedToDate: bigint; matchedPlannedToDate: bigint; actual: bigint }>();
    const ranked: Array<{ planId: string; planName: string; lineItemId: string; lineName: string; currency: string; plannedToDate: string; actualToDate: string; pacingPercent: string }> = [];
    for (const plan of plans) {
      const own = perf.filter((_, i) => lines[i].planId === plan.id);
      const figs = lineFigures(plan, own, rows.filter((r) => r.clientId === plan.clientId), asOf);
      const c = currencies.get(plan.currency) ?? { plans: 0, planned: 0n, plannedToDate: 0n, matchedPlannedToDate: 0n, actual: 0n };
      c.plans++;
      for (const f of figs) {
        c.planned += f.plannedTotal.cost;
        c.plannedToDate += f.plannedToDate;
        c.actual += f.actualToDate.cost;
        if (f.matched) c.matchedPlannedToDate += f.plannedToDate;
        if (f.pacing !== null) {
          ranked.push({ planId: plan.id, planName: plan.name, lineItemId: f.line.id, lineName: f.line.name, currency: plan.currency, plannedToDate: fromMinor(f.plannedToDate), actualToDate: fromMinor(f.actualToDate.cost), pacingPercent: f.pacing });
        }
      }
      currencies.set(plan.currency, c);
    }
    const pct = (p: string) => Number(p);
    return {
      asOf,
      statuses,
      amounts: 'net' as const,
      currencies: [...currencies].sort(([a], [b]) => a.localeCompare(b)).map(([currency, c]) => ({
        currency, plans: c.plans, planned: fromMinor(c.planned), plannedToDate: fromMinor(c.plannedToDate), actualToDate: fromMinor(c.actual),
        pacingPercent: pacingPercent(fromMinor(c.actual), fromMinor(c.matchedPlannedToDate)),
      })),
      overPacing: ranked.filter((r) => pct(r.pacingPercent) > 100).sort((a, b) => pct(b.pacingPercent) - pct(a.pacingPercent)).slice(0, 5),
      underPacing: ranked.filter((r) => pct(r.pacingPercent) < 100).sort((a, b) => pct(a.pacingPercent) - pct(b.pacingPercent)).slice(0, 5),
    };
  }
}
