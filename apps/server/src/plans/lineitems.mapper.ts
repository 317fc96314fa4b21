import { STANDARD_COST_FIELDS, STANDARD_METRIC_FIELDS, STANDARD_TEXT_FIELDS, type LineItem } from '@mrm/contracts';
import { normalizeAmount } from '@mrm/planning';
import { isoReq } from '../common/http.js';
import type { lineItems } from '../db/schema.js';

export type LineRow = typeof lineItems.$inferSelect;
export type LineInsert = typeof lineItems.$inferInsert;

/** Standard fields that live in the `fields` document rather than in columns of their own. */
const DOCUMENT_FIELDS = [...STANDARD_TEXT_FIELDS, ...STANDARD_COST_FIELDS, ...STANDARD_METRIC_FIELDS, 'costCurrencyExchangeRate', 'kpiValue', 'isAggregate', 'metricFormulas', 'customProperties'] as const;
const MONEY = new Set<string>(STANDARD_COST_FIELDS);

/** Column values for the parts of an input that have columns; undefined keys are left alone. */
export function toColumns(input: Partial<LineItem>): Partial<LineInsert> {
  const out: Partial<LineInsert> = {};
  const put = <K extends keyof LineInsert>(key: K, value: LineInsert[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  put('code', input.code);
  put('name', input.name);
  put('startDate', input.startDate);
  put('endDate', input.endDate);
  put('costTotal', input.costTotal === undefined ? undefined : normalizeAmount(input.costTotal));
  put('channel', input.channel);
  put('partner', input.partner);
  put('costCurrency', input.costCurrency);
  put('pricingModel', input.pricingModel);
  put('rate', input.rate);
  put('plannedUnits', input.plannedUnits);
  put('erid', input.erid);
  put('externalIds', input.externalIds);
  put('flighting', input.flighting as Record<string, unknown> | undefined);
  return out;
}

/** The document part of an input, merged over what the line already holds (null clears a field). */
export function mergeFields(current: Record<string, unknown>, input: Partial<LineItem>): Record<string, unknown> {
  const next = { ...current };
  for (const key of DOCUMENT_FIELDS) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = MONEY.has(key) ? normalizeAmount(value as string) : value;
  }
  return next;
}

export function toLineItem(row: LineRow): LineItem {
  return {
    id: row.id,
    planId: row.planId,
    position: row.position,
    version: row.version,
    code: row.code,
    name: row.name,
    startDate: row.startDate,
    endDate: row.endDate,
    costTotal: row.costTotal,
    channel: row.channel,
    partner: row.partner,
    costCurrency: row.costCurrency,
    pricingModel: row.pricingModel as LineItem['pricingModel'],
    rate: row.rate,
    plannedUnits: row.plannedUnits,
    erid: row.erid,
    externalIds: row.externalIds,
    flighting: row.flighting as LineItem['flighting'],
    ...(row.fields as Partial<LineItem>),
    createdAt: isoReq(row.createdAt),
    updatedAt: isoReq(row.updatedAt),
  };
}
