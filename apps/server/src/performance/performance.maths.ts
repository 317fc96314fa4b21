// Plan vs actual of one plan's lines, from its rows and the analytics store's daily rows: no I/O.
import { dailyAllocation, effectiveRates, feeBreakdown, forecastAtEnd, fromMinor, offPace, pacingPercent, type FlightingPattern } from '@mrm/planning';
import type { TotalsRow } from '../analytics/index.js';

export type PerfGrain = 'day' | 'week' | 'month';
export type PerfBy = 'line_item' | 'channel' | 'partner' | 'platform';

export interface PerfPlan {
  id: string;
  name: string;
  currency: string;
  agencyCommission: string;
  vatRate: string;
}
export interface PerfLine {
  id: string;
  name: string;
  channel: string | null;
  partner: string | null;
  startDate: string;
  endDate: string;
  costTotal: string;
  flighting: unknown;
  externalIds: string[];
  fields: Record<string, unknown>;
}

/** Per day: cost in minor units, counts in hundredths (planned counts are spread and may be fractional). */
interface Day {
  cost: bigint;
  impressions: bigint;
  clicks: bigint;
  conversions: bigint;
}
const zero = (): Day => ({ cost: 0n, impressions: 0n, clicks: 0n, conversions: 0n });
const addDay = (a: Day, b: Day) => {
  a.cost += b.cost;
  a.impressions += b.impressions;
  a.clicks += b.clicks;
  a.conversions += b.conversions;
};
const hundredths = (n: number) => BigInt(Math.round(n * 100));
const minorOf = (amount: string) => BigInt(amount.replace('.', ''));

export interface LineFigures {
  line: PerfLine;
  matched: boolean;
  planned: Map<string, Day>;
  actual: Map<string, Day>;
  other: Map<string, Day>;
  platforms: Set<string>;
  plannedTotal: Day;
  plannedToDate: bigint;
  actualToDate: Day;
  pacing: string | null;
  forecast: bigint | null;
  /** Later lines naming a campaign an earlier line already has: that campaign counts for the earlier one only. */
  sharedIds: string[];
}

function spread(value: unknown, line: PerfLine, pattern: FlightingPattern): Array<[string, bigint]> {
  const n = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
  if (n === 0) return [];
  return dailyAllocation((Math.round(n * 100) / 100).toFixed(2), line.startDate, line.endDate, pattern).map((d) => [d.date, minorOf(d.amount)]);
}

/**
 * Each line's planned days (its cost and its planned impressions, clicks and conversions spread by
 * its flighting) and actual days up to asOf: rows of the plan's client whose campaign is one of the
 * line's externalIds, on days of the line's flight, in the plan's currency (others apart).
 */
export function lineFigures(plan: PerfPlan, lines: readonly PerfLine[], rows: readonly TotalsRow[], asOf: string): LineFigures[] {
  const owner = new Map<string, number>();
  const shared: string[][] = lines.map(() => []);
  lines.forEach((l, i) => {
    for (const id of l.externalIds) {
      if (!owner.has(id)) owner.set(id, i);
      else if (owner.get(id) !== i) shared[i].push(id);
    }
  });
  const out = lines.map((line, i): LineFigures => {
    const pattern = (line.flighting as FlightingPattern | null) ?? { type: 'even' };
    const planned = new Map<string, Day>();
    const at = (date: string) => {
      let d = planned.get(date);
      if (!d) planned.set(date, (d = zero()));
      return d;
    };
    for (const d of dailyAllocation(line.costTotal, line.startDate, line.endDate, pattern)) at(d.date).cost = minorOf(d.amount);
    for (const [date, v] of spread(line.fields.metricImpressions, line, pattern)) at(date).impressions = v;
    for (const [date, v] of spread(line.fields.metricClicks, line, pattern)) at(date).clicks = v;
    for (const [date, v] of spread(line.fields.metricConversions, line, pattern)) at(date).conversions = v;
    const plannedTotal = zero();
    let plannedToDate = 0n;
    for (const [date, d] of planned) {
      addDay(plannedTotal, d);
      if (date <= asOf) plannedToDate += d.cost;
    }
    return { line, matched: line.externalIds.length > 0, planned, actual: new Map(), other: new Map(), platforms: new Set(), plannedTotal, plannedToDate, actualToDate: zero(), pacing: null, forecast: null, sharedIds: shared[i] };
  });

  // Micros are summed per line and day, then rounded to kopecks once.
  const micros = out.map(() => new Map<string, { micros: bigint; counts: Day }>());
  for (const r of rows) {
    const i = r.campaignId === undefined ? undefined : owner.get(r.campaignId);
    if (i === undefined) continue;
    const f = out[i];
    if (r.period < f.line.startDate || r.period > f.line.endDate || r.period > asOf) continue;
    if (r.platform) f.platforms.add(r.platform);
    const counts: Day = { cost: 0n, impressions: hundredths(r.impressions), clicks: hundredths(r.clicks), conversions: hundredths(r.conversions) };
    if (r.currency !== plan.currency) {
      const o = f.other.get(r.currency) ?? zero();
      addDay(o, { ...counts, cost: BigInt(Math.round(r.costMicros)) });
      f.other.set(r.currency, o);
      continue;
    }
    const m = micros[i].get(r.period) ?? { micros: 0n, counts: zero() };
    m.micros += BigInt(Math.round(r.costMicros));
    addDay(m.counts, counts);
    micros[i].set(r.period, m);
  }
  out.forEach((f, i) => {
    for (const [date, m] of micros[i]) {
      const day = { ...m.counts, cost: roundMicros(m.micros) };
      f.actual.set(date, day);
      addDay(f.actualToDate, day);
    }
    for (const o of f.other.values()) o.cost = roundMicros(o.cost);
    if (!f.matched) return;
    f.pacing = pacingPercent(fromMinor(f.actualToDate.cost), fromMinor(f.plannedToDate));
    const fc = forecastAtEnd({ startDate: f.line.startDate, endDate: f.line.endDate, asOf, dailyActuals: [...f.actual].map(([date, d]) => ({ date, amount: fromMinor(d.cost) })) });
    f.forecast = fc ? minorOf(fc.atEndOfFlight) : null;
  });
  return out;
}

function roundMicros(micros: bigint): bigint {
  const q = micros / 10_000n;
  const r = micros % 10_000n;
  if (r * 2n >= 10_000n) return q + 1n;
  if (r * 2n <= -10_000n) return q - 1n;
  return q;
}

export function periodOf(date: string, grain: PerfGrain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 7)}-01`;
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
}

const NONE = '(none)';
const NO_ACTUALS = '(no actuals)';

function groupKey(f: LineFigures, by: PerfBy): { key: string; label: string } {
  switch (by) {
    case 'line_item':
      return { key: f.line.id, label: f.line.name };
    case 'channel':
      return { key: f.line.channel || NONE, label: f.line.channel || NONE };
    case 'partner':
      return { key: f.line.partner || NONE, label: f.line.partner || NONE };
    case 'platform': {
      const k = f.platforms.size ? [...f.platforms].sort().join(', ') : NO_ACTUALS;
      return { key: k, label: k };
    }
  }
}

const num = (h: bigint) => Number(h) / 100;
const plannedOut = (d: Day) => ({ cost: fromMinor(d.cost), impressions: num(d.impressions), clicks: num(d.clicks), conversions: num(d.conversions) });
function actualOut(d: Day) {
  const cost = fromMinor(d.cost);
  const rates = effectiveRates(cost, { impressions: fromMinor(d.impressions), clicks: fromMinor(d.clicks), conversions: fromMinor(d.conversions) });
  return { cost, impressions: num(d.impressions), clicks: num(d.clicks), conversions: num(d.conversions), cpm: rates.cpm, cpc: rates.cpc, cpa: rates.cpa };
}

export function pacingStatus(percent: string | null, matched: boolean, threshold: string): 'on_pace' | 'over' | 'under' | 'not_started' | 'no_actuals' {
  if (!matched) return 'no_actuals';
  if (percent === null) return 'not_started';
  if (!offPace(percent, threshold)) return 'on_pace';
  return minorOf(percent) > 10_000n ? 'over' : 'under';
}

/** One group's figures: sums of its lines; pacing and forecast over its matched lines only. */
function summarise(plan: PerfPlan, figs: readonly LineFigures[], threshold: string) {
  const planned = zero();
  const actual = zero();
  const other = new Map<string, Day>();
  let plannedToDate = 0n;
  let matchedPlannedToDate = 0n;
  let forecast: bigint | null = null;
  for (const f of figs) {
    addDay(planned, f.plannedTotal);
    addDay(actual, f.actualToDate);
    plannedToDate += f.plannedToDate;
    for (const [c, d] of f.other) {
      const o = other.get(c) ?? zero();
      addDay(o, d);
      other.set(c, o);
    }
    if (!f.matched) continue;
    matchedPlannedToDate += f.plannedToDate;
    if (f.forecast !== null) forecast = (forecast ?? 0n) + f.forecast;
  }
  // A matched line that has not started yet is forecast at its plan, once some line has a pace.
  if (forecast !== null) for (const f of figs) if (f.matched && f.forecast === null) forecast += f.plannedTotal.cost;
  const matched = figs.some((f) => f.matched);
  const percent = matched ? pacingPercent(fromMinor(actual.cost), fromMinor(matchedPlannedToDate)) : null;
  const unmatched = figs.filter((f) => !f.matched);
  const shared = figs.flatMap((f) => f.sharedIds);
  const notes = [
    unmatched.length ? `${unmatched.length === figs.length ? 'No line' : `${unmatched.length} of ${figs.length} lines`} here ${unmatched.length === 1 && figs.length > 1 ? 'has' : 'have'} no campaign ids (externalIds): planned only, no actuals matched.` : '',
    shared.length ? `Campaign ids ${shared.join(', ')} belong to an earlier line as well and count for that line only.` : '',
  ].filter(Boolean);
  const fees = (net: bigint) => feeBreakdown({ net: fromMinor(net), agencyCommissionPercent: plan.agencyCommission, vatPercent: plan.vatRate });
  return {
    lineItemIds: figs.map((f) => f.line.id),
    matched,
    note: notes.length ? notes.join(' ') : null,
    planned: plannedOut(planned),
    plannedToDate: fromMinor(plannedToDate),
    actual: actualOut(actual),
    pacing: { percent, plannedToDate: fromMinor(matchedPlannedToDate), status: pacingStatus(percent, matched, threshold) },
    forecastAtEnd: forecast === null ? null : fromMinor(forecast),
    gross: { planned: fees(planned.cost), actual: fees(actual.cost) },
    otherCurrencies: [...other].sort(([a], [b]) => a.localeCompare(b)).map(([currency, d]) => ({ currency, cost: fromMinor(d.cost), impressions: num(d.impressions), clicks: num(d.clicks), conversions: num(d.conversions) })),
  };
}

export function performanceReport(plan: PerfPlan, figs: readonly LineFigures[], opts: { asOf: string; grain: PerfGrain; by: PerfBy; threshold: string }) {
  const groups = new Map<string, { label: string; figs: LineFigures[] }>();
  for (const f of figs) {
    const { key, label } = groupKey(f, opts.by);
    const g = groups.get(key) ?? { label, figs: [] };
    g.figs.push(f);
    groups.set(key, g);
  }
  const notes = [
    'Amounts are net media cost (before agency commission and VAT); `gross` adds commission and VAT at the plan’s rates.',
    `Actuals are counted up to ${opts.asOf}, on the days of each line's flight, from campaigns of the plan's client whose ids are in the line's externalIds.`,
    'Actuals in a currency other than the plan’s are listed under otherCurrencies and never added to the plan-currency figures.',
  ];
  if (figs.some((f) => !f.matched)) notes.push('Lines without externalIds show planned figures only.');
  return {
    planId: plan.id,
    currency: plan.currency,
    asOf: opts.asOf,
    grain: opts.grain,
    by: opts.by,
    amounts: 'net' as const,
    agencyCommissionPercent: plan.agencyCommission,
    vatPercent: plan.vatRate,
    alertThresholdPercent: opts.threshold,
    totals: summarise(plan, figs, opts.threshold),
    groups: [...groups].map(([key, g]) => ({ key, label: g.label, ...summarise(plan, g.figs, opts.threshold), periods: periods(g.figs, opts.grain, opts.asOf) })),
    notes,
  };
}

function periods(figs: readonly LineFigures[], grain: PerfGrain, asOf: string) {
  const planned = new Map<string, Day>();
  const actual = new Map<string, Day>();
  const into = (target: Map<string, Day>, days: Map<string, Day>) => {
    for (const [date, d] of days) {
      const p = periodOf(date, grain);
      const t = target.get(p) ?? zero();
      addDay(t, d);
      target.set(p, t);
    }
  };
  for (const f of figs) {
    into(planned, f.planned);
    into(actual, f.actual);
  }
  const matched = figs.some((f) => f.matched);
  return [...new Set([...planned.keys(), ...actual.keys()])].sort().map((period) => ({
    period,
    planned: plannedOut(planned.get(period) ?? zero()),
    actual: !matched || period > asOf ? null : actualOut(actual.get(period) ?? zero()),
  }));
}
