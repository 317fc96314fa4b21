import { Injectable } from '@nestjs/common';
import { DASHBOARD_PLAN_STATUSES } from '@mrm/contracts';
import { fromMinor, monthlyMinor, toMinor, type FlightingPattern } from '@mrm/planning';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { lineItems, mediaPlans } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';

interface Sums {
  plans: number;
  channels: Map<string | null, bigint>;
  months: Map<string, bigint>;
}

const byAmountDesc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

/**
 * The overview's budget of a workspace's current plans, per currency: by channel (summed by the
 * database) and by month (each line spread by its own flighting, exactly as a plan's totals are).
 * Row-level security keeps a viewer limited to one client to that client's plans.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly tenancy: Tenancy) {}

  async budget(ctx: RequestContext) {
    const statuses = [...DASHBOARD_PLAN_STATUSES];
    const tenantId = ctx.tenantId;
    const current = and(eq(mediaPlans.tenantId, tenantId), inArray(mediaPlans.status, statuses));
    const ofCurrentPlans = and(eq(mediaPlans.id, lineItems.planId), eq(mediaPlans.tenantId, lineItems.tenantId));
    const channel = sql<string | null>`nullif(${lineItems.channel}, '')`;

    const { plans, channels, lines } = await this.tenancy.run(
      ctx,
      async (tx) => ({
        plans: await tx
          .select({ currency: mediaPlans.currency, plans: sql<number>`count(*)::int` })
          .from(mediaPlans)
          .where(current)
          .groupBy(mediaPlans.currency),
        channels: await tx
          .select({ currency: mediaPlans.currency, channel, amount: sql<string>`sum(${lineItems.costTotal})::text` })
          .from(lineItems)
          .innerJoin(mediaPlans, ofCurrentPlans)
          .where(and(eq(lineItems.tenantId, tenantId), current))
          .groupBy(mediaPlans.currency, channel),
        lines: await tx
          .select({ currency: mediaPlans.currency, cost: lineItems.costTotal, start: lineItems.startDate, end: lineItems.endDate, flighting: lineItems.flighting })
          .from(lineItems)
          .innerJoin(mediaPlans, ofCurrentPlans)
          .where(and(eq(lineItems.tenantId, tenantId), current)),
      }),
      { replica: true },
    );

    const sums = new Map<string, Sums>();
    const of = (currency: string) => {
      let s = sums.get(currency);
      if (!s) sums.set(currency, (s = { plans: 0, channels: new Map(), months: new Map() }));
      return s;
    };
    for (const p of plans) of(p.currency).plans = Number(p.plans);
    for (const c of channels) of(c.currency).channels.set(c.channel, toMinor(c.amount));
    for (const l of lines) {
      const months = of(l.currency).months;
      for (const [month, minor] of monthlyMinor(l.cost, l.start, l.end, l.flighting as FlightingPattern)) months.set(month, (months.get(month) ?? 0n) + minor);
    }

    const currencies = [...sums].map(([currency, s]) => {
      const total = [...s.channels.values()].reduce((a, b) => a + b, 0n);
      return {
        currency,
        plans: s.plans,
        total,
        byChannel: [...s.channels]
          .sort(([ca, a], [cb, b]) => byAmountDesc(a, b) || String(ca ?? '').localeCompare(String(cb ?? '')))
          .map(([channel, amount]) => ({ channel, amount: fromMinor(amount) })),
        byMonth: [...s.months.keys()].sort().map((month) => ({ month, amount: fromMinor(s.months.get(month)!) })),
      };
    });
    currencies.sort((a, b) => byAmountDesc(a.total, b.total) || a.currency.localeCompare(b.currency));
    return {
      statuses,
      plans: currencies.reduce((n, c) => n + c.plans, 0),
      currencies: currencies.map((c) => ({ ...c, total: fromMinor(c.total) })),
    };
  }
}
