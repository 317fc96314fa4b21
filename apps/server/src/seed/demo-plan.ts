import { randomUUID } from 'node:crypto';
import type { LineItem } from '@mrm/contracts';
import { costFromUnits, type PricingModel } from '@mrm/planning';
import { lineItems, mediaPlans } from '../db/schema.js';
import type { Tx } from '../db/database.js';
import { mergeFields, toColumns } from '../plans/lineitems.mapper.js';

// A spring campaign as a Moscow agency would plan it: search, display, video, marketplace, TV,
// radio and outdoor, each bought the way it is sold (CPC, CPM, CPV, rating points, flat rate),
// one line per partner and month. 30 lines, about 14 million roubles net.
const BUYS: Array<[channel: string, partner: string, vehicle: string, format: string, model: PricingModel, rate: string, units: (month: number) => string]> = [
  ['Digital', 'Яндекс', 'Яндекс Директ', 'Поиск', 'cpc', '38.50', (m) => String(9_000 + m * 1_000)],
  ['Digital', 'Яндекс', 'РСЯ', 'Баннер 300×250', 'cpm', '180', (m) => String(1_800_000 + m * 200_000)],
  ['Digital', 'VK', 'VK Реклама', 'Баннер 240×400', 'cpm', '210', () => '1500000'],
  ['Digital', 'VK', 'VK Видео', 'Pre-roll 15 с', 'cpv', '2.40', (m) => String(90_000 + m * 10_000)],
  ['Digital', 'Ozon', 'Ozon Реклама', 'Товарная полка', 'cpc', '12.40', () => '20000'],
  ['TV', 'Первый канал', 'Первый канал', 'Ролик 20 с', 'cpp', '185000', (m) => (m === 1 ? '6.5' : '5.75')],
  ['TV', 'НТВ', 'НТВ', 'Ролик 20 с', 'cpp', '120000', () => '6'],
  ['Radio', 'Европа Плюс', 'Европа Плюс', 'Ролик 30 с', 'cpp', '22000', () => '20'],
  ['OOH', 'Gallery', 'Билборды Москва', 'Щит 3×6', 'flat_rate', '450000', () => '0'],
  ['OOH', 'Russ Outdoor', 'Цифровые экраны', 'DOOH 10 с', 'cpm', '350', () => '1000000'],
];
const MONTHS = [['2027-03-01', '2027-03-31', 'март'], ['2027-04-01', '2027-04-30', 'апрель'], ['2027-05-01', '2027-05-31', 'май']] as const;

/** The demo agency's draft plan with its lines, so the editor's first screen has something in it. */
export async function seedDemoPlan(tx: Tx, ids: { tenantId: string; clientId: string; projectId: string; userId: string }) {
  const planId = randomUUID();
  await tx.insert(mediaPlans).values({
    id: planId, tenantId: ids.tenantId, projectId: ids.projectId, clientId: ids.clientId, name: 'Медиаплан «Весна 2027»', currency: 'RUB',
    budget: '14000000.00', startDate: '2027-03-01', endDate: '2027-05-31', agencyCommission: '10.00', vatRate: '20.00', createdBy: ids.userId,
  });
  const rows = MONTHS.flatMap(([startDate, endDate, month], m) =>
    BUYS.map(([channel, partner, vehicle, adformat, pricingModel, rate, units], b) => {
      const plannedUnits = pricingModel === 'flat_rate' ? null : units(m);
      const input: Partial<LineItem> = {
        name: `${vehicle} — ${adformat}, ${month}`, channel, partner, vehicle, adformat, startDate, endDate, pricingModel, rate, plannedUnits,
        costTotal: costFromUnits(pricingModel, rate, plannedUnits ?? '0'),
        erid: `Kra${(23_000 + m * 100 + b).toString(36)}`,
        ...(pricingModel === 'cpm' ? { metricImpressions: Number(plannedUnits) } : pricingModel === 'cpc' ? { metricClicks: Number(plannedUnits) } : {}),
      };
      return { id: randomUUID(), tenantId: ids.tenantId, clientId: ids.clientId, planId, position: m * BUYS.length + b, ...toColumns(input), fields: mergeFields({}, input) };
    }),
  );
  await tx.insert(lineItems).values(rows as Array<typeof lineItems.$inferInsert>);
  return planId;
}
