// A plan running now (approved as version 1, then gone live), its lines matched to the sandbox
// campaigns of the demo connections, so the demo shows delivery against plan and pacing from the
// first minute. One line is left unmatched: its campaign shows up as a name-based suggestion.
import { randomUUID } from 'node:crypto';
import type { LineItem } from '@mrm/contracts';
import type { Tx } from '../db/database.js';
import { lineItems, mediaPlans, planVersions, projects } from '../db/schema.js';
import { mergeFields, toColumns } from '../plans/lineitems.mapper.js';
import { computeTotals } from '../plans/totals.js';
import { freeze } from '../plans/versions.service.js';

/** Sandbox campaigns (packages/simulators: VK account 900001, Yandex login sandbox-client-1) and the spend planned on each. */
const LINES: Array<[channel: string, partner: string, campaignId: string | null, name: string, cost: string]> = [
  ['Digital', 'VK', '12000001', 'VK Реклама — охват, видео', '2000000.00'],
  ['Digital', 'VK', '12000011', 'VK Реклама — трафик на сайт', '2400000.00'],
  ['Digital', 'VK', '12000021', 'VK Реклама — ретаргетинг', '1800000.00'],
  ['Digital', 'VK', '12000031', 'VK Реклама — лид-формы', '2200000.00'],
  ['Digital', 'Яндекс', '70000001', 'Яндекс Директ — бренд, поиск', '1000000.00'],
  ['Digital', 'Яндекс', '70000011', 'Яндекс Директ — общие запросы', '1200000.00'],
  ['Digital', 'Яндекс', '70000021', 'РСЯ — ретаргетинг', '900000.00'],
  // Sandbox campaign 70000031 "Видео — охват": left for the planner to confirm.
  ['Digital', 'Яндекс', null, 'Яндекс — видео, охват', '1100000.00'],
];

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** From the first day of last month to the last day of next month, around today. */
export function liveFlight(today = new Date()): { start: string; end: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  return { start: iso(new Date(Date.UTC(y, m - 1, 1))), end: iso(new Date(Date.UTC(y, m + 2, 0))) };
}

export async function seedDemoLivePlan(tx: Tx, ids: { tenantId: string; clientId: string }): Promise<string> {
  const { start, end } = liveFlight();
  const projectId = randomUUID();
  const planId = randomUUID();
  await tx.insert(projects).values({ id: projectId, tenantId: ids.tenantId, clientId: ids.clientId, name: 'Digital always-on', objective: 'conversion', budget: '12600000.00', currency: 'RUB', startDate: start, endDate: end, status: 'active' });
  const [plan] = await tx.insert(mediaPlans).values({
    id: planId, tenantId: ids.tenantId, projectId, clientId: ids.clientId, name: 'Digital: VK и Яндекс (идёт)', currency: 'RUB', budget: '12600000.00',
    startDate: start, endDate: end, agencyCommission: '10.00', vatRate: '20.00', status: 'active', latestVersion: 1, approvedVersion: 1,
  }).returning();
  const rows = LINES.map(([channel, partner, campaignId, name, costTotal], i) => {
    const input: Partial<LineItem> = { name, channel, partner, startDate: start, endDate: end, costTotal, externalIds: campaignId ? [campaignId] : [] };
    return { id: randomUUID(), tenantId: ids.tenantId, clientId: ids.clientId, planId, position: i, ...toColumns(input), fields: mergeFields({}, input) };
  });
  const lines = await tx.insert(lineItems).values(rows as Array<typeof lineItems.$inferInsert>).returning();
  const decidedAt = new Date(Date.parse(`${start}T09:00:00Z`) - 3 * 86_400_000).toISOString();
  await tx.insert(planVersions).values({
    id: randomUUID(), tenantId: ids.tenantId, clientId: ids.clientId, planId, number: 1, status: 'approved',
    snapshot: freeze(plan, lines), totals: computeTotals(lines, plan),
    submittedBy: 'Demo Planner', submittedAt: decidedAt, decidedBy: 'Demo Planner', decidedAt, comment: null,
  });
  return planId;
}
