// The analytics rows a plan's figures are made of: shared by the performance endpoints and the
// reports the workers build, so a report says exactly what the screen says.
import type { DailyStatsRepository, TotalsRow } from '../analytics/index.js';
import type { lineItems } from '../db/schema.js';
import type { PerfLine } from './performance.maths.js';

type LineRow = typeof lineItems.$inferSelect;
export const perfLine = (l: LineRow): PerfLine => ({
  id: l.id, name: l.name, channel: l.channel, partner: l.partner, startDate: l.startDate, endDate: l.endDate,
  costTotal: l.costTotal, flighting: l.flighting, externalIds: l.externalIds ?? [], fields: l.fields ?? {},
});

/** Daily actuals of the lines' campaigns over their flights up to asOf, per client, platform and campaign. */
export async function planActuals(stats: DailyStatsRepository, tenantId: string, lines: readonly PerfLine[], asOf: string, clientId?: string): Promise<TotalsRow[]> {
  const ids = [...new Set(lines.flatMap((l) => l.externalIds))];
  if (!ids.length) return [];
  const from = lines.reduce((m, l) => (l.startDate < m ? l.startDate : m), '9999-12-31');
  const lastEnd = lines.reduce((m, l) => (l.endDate > m ? l.endDate : m), '0000-01-01');
  const to = asOf < lastEnd ? asOf : lastEnd;
  if (from > to) return [];
  return stats.dailyTotals(tenantId, { from, to, clientId, campaignIds: ids, grain: 'day', groupBy: ['client', 'platform', 'campaign'] });
}
