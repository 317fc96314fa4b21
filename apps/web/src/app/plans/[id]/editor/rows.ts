// A line as the editor holds it: the text of each editable cell (canonical once it parses, as typed
// while it does not), the server's copy it started from, and what the cells say about each other.
import { costFromUnits, effectiveRates, unitMetric, type PricingModel } from '@mrm/planning';
import type { components } from '@/api/schema';
import { EDIT_FIELDS, SPEC, type EditField } from './columns';
import { parseDate, parseModel, parseNumber, parseText, type Parsed } from './parse';

export type LineItem = components['schemas']['LineItemDto'];
export type BulkRow = components['schemas']['BulkUpsertDto']['items'][number];
export type Values = Record<EditField, string>;

/**
 * What the page hands the editor of each line: the cells it edits, the flighting its months need,
 * and the version its saves are checked against. The rest of a line stays on the server, which
 * keeps the fields a save does not name — so 2,000 lines weigh less on the way to the browser.
 */
export type EditorLine = Pick<LineItem, 'id' | 'version' | 'updatedAt' | 'flighting' | 'name' | 'startDate' | 'endDate' | 'costTotal'> & Partial<Pick<LineItem, EditField>>;

export function forEditor(l: LineItem): EditorLine {
  const out: Record<string, unknown> = { id: l.id, version: l.version, updatedAt: l.updatedAt, flighting: l.flighting };
  for (const f of EDIT_FIELDS) if ((l as Record<string, unknown>)[f] != null) out[f] = (l as Record<string, unknown>)[f];
  return out as EditorLine;
}

export interface Row {
  /** Stable within this page, also for lines not saved yet. */
  key: string;
  id?: string;
  version?: number;
  base?: EditorLine;
  v: Values;
}

export type ErrorCode = 'required' | 'number' | 'date' | 'dateOrder' | 'model' | 'decimals' | 'whole' | 'erid' | 'tooLong';

let counter = 0;
export const newKey = () => `n${++counter}`;

const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));

// The API sends decimals at their column's scale ("1000000.00"); the editor keeps what they mean.
const NUMERIC = new Set(['money', 'rate', 'units', 'count']);
const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

export function fromLine(l: EditorLine): Row {
  const v = Object.fromEntries(
    EDIT_FIELDS.map((f) => {
      const value = str((l as Record<string, unknown>)[f]);
      return [f, NUMERIC.has(SPEC[f].kind) ? trimZeros(value) : value];
    }),
  ) as Values;
  return { key: l.id, id: l.id, version: l.version, base: l, v };
}

export function blankRow(start: string, end: string): Row {
  const v = Object.fromEntries(EDIT_FIELDS.map((f) => [f, ''])) as Values;
  return { key: newKey(), v: { ...v, startDate: start, endDate: end } };
}

/** Reads what was typed or pasted into a cell of this field. */
export function readCell(field: EditField, input: string): Parsed {
  switch (SPEC[field].kind) {
    case 'date': return parseDate(input);
    case 'model': return parseModel(input);
    case 'money': case 'rate': case 'units': case 'count': return parseNumber(input);
    default: return parseText(input);
  }
}

const DECIMALS: Partial<Record<EditField, number>> = { costTotal: 2, rate: 4, plannedUnits: 2, metricImpressions: 0, metricClicks: 0 };

/** The cost the line will be saved with: rate × units when both are there, else the cost typed. */
export function costOf(v: Values): string {
  const model = v.pricingModel as PricingModel;
  if (model && v.rate && (model === 'flat_rate' || v.plannedUnits)) {
    try {
      return costFromUnits(model, v.rate, v.plannedUnits || '0');
    } catch {
      return v.costTotal;
    }
  }
  return v.costTotal;
}

/** True when the cost column shows a computed value rather than one to type. */
export const costIsComputed = (v: Values) => Boolean(v.pricingModel && v.rate && (v.pricingModel === 'flat_rate' || v.plannedUnits));

/** Cost per thousand impressions and per click, from the planned counts (or the units bought). */
export function ratesOf(v: Values): { cpm: string | null; cpc: string | null } {
  const metric = v.pricingModel && parseModel(v.pricingModel).ok ? unitMetric(v.pricingModel as PricingModel) : null;
  const impressions = v.metricImpressions || (metric === 'impressions' ? v.plannedUnits : '');
  const clicks = v.metricClicks || (metric === 'clicks' ? v.plannedUnits : '');
  try {
    const r = effectiveRates(costOf(v) || '0', { impressions: impressions || null, clicks: clicks || null });
    return { cpm: r.cpm, cpc: r.cpc };
  } catch {
    return { cpm: null, cpc: null };
  }
}

const cache = new WeakMap<Values, Partial<Record<EditField, ErrorCode>>>();

/** What is wrong with each cell of a line; an empty object when the line can be saved. */
export function problemsOf(v: Values): Partial<Record<EditField, ErrorCode>> {
  const hit = cache.get(v);
  if (hit) return hit;
  const out: Partial<Record<EditField, ErrorCode>> = {};
  for (const f of EDIT_FIELDS) {
    const value = v[f];
    if (value === '') continue;
    const parsed = readCell(f, value);
    if (!parsed.ok || parsed.value !== value) out[f] = SPEC[f].kind === 'date' ? 'date' : SPEC[f].kind === 'model' ? 'model' : 'number';
    else if (DECIMALS[f] !== undefined && (value.split('.')[1]?.length ?? 0) > DECIMALS[f]!) out[f] = DECIMALS[f] === 0 ? 'whole' : 'decimals';
    else if (value.length > (f === 'name' ? 300 : 500)) out[f] = 'tooLong';
  }
  if (!v.name) out.name = 'required';
  if (!v.startDate) out.startDate = 'required';
  if (!v.endDate) out.endDate = 'required';
  if (!out.startDate && !out.endDate && v.endDate < v.startDate) out.endDate = 'dateOrder';
  if (v.erid && !/^[A-Za-z0-9]{1,64}$/.test(v.erid)) out.erid = 'erid';
  if (!costIsComputed(v) && !v.costTotal && !out.costTotal) out.costTotal = 'required';
  if (costIsComputed(v) && !out.plannedUnits && v.pricingModel !== 'cpp' && v.pricingModel !== 'flat_rate' && v.plannedUnits.includes('.')) out.plannedUnits = 'whole';
  cache.set(v, out);
  return out;
}

const orNull = (s: string) => (s === '' ? null : s);
const numOrNull = (s: string) => (s === '' ? null : Number(s));

/** The row for the bulk endpoint: the edited cells and the flighting; the server keeps the other fields. */
export function toBulk(row: Row, withVersion: boolean): BulkRow {
  const rest = row.base?.flighting ? { flighting: row.base.flighting } : {};
  const v = row.v;
  return {
    ...(rest as Partial<BulkRow>),
    ...(row.id ? { id: row.id, ...(withVersion && row.version ? { version: row.version } : {}) } : {}),
    name: v.name,
    code: orNull(v.code),
    channel: orNull(v.channel),
    partner: orNull(v.partner),
    startDate: v.startDate,
    endDate: v.endDate,
    pricingModel: orNull(v.pricingModel) as BulkRow['pricingModel'],
    rate: orNull(v.rate),
    plannedUnits: orNull(v.plannedUnits),
    costTotal: costOf(v),
    metricImpressions: numOrNull(v.metricImpressions),
    metricClicks: numOrNull(v.metricClicks),
    erid: orNull(v.erid),
  } as BulkRow;
}
