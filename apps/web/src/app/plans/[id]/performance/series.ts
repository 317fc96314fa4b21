import type { components } from '@/api/schema';

export type PlanPerformance = components['schemas']['PlanPerformanceDto'];
export type Group = PlanPerformance['groups'][number];
type Totals = PlanPerformance['totals'];
export type Period = Group['periods'][number];

/** Money strings are summed in minor units: adding decimals as floats drifts by a kopeck. */
const minor = (amount: string) => Math.round(Number(amount) * 100);
const units = (m: number) => (m / 100).toFixed(2);

/** One period of a chart: planned and actual spend in it (actual null once it lies after the as-of date). */
export interface PeriodSpend {
  period: string;
  planned: string;
  actual: string | null;
}

/** The whole plan's periods: the groups' periods added up (the API gives periods per group only). */
export function planPeriods(data: PlanPerformance): PeriodSpend[] {
  const by = new Map<string, { planned: number; actual: number | null }>();
  for (const g of data.groups) {
    for (const p of g.periods) {
      const sum = by.get(p.period) ?? { planned: 0, actual: null };
      sum.planned += minor(p.planned.cost);
      if (p.actual) sum.actual = (sum.actual ?? 0) + minor(p.actual.cost);
      by.set(p.period, sum);
    }
  }
  // A period up to the as-of date has an actual of zero even when only unmatched groups planned in it.
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([period, s]) => ({
    period,
    planned: units(s.planned),
    actual: s.actual === null && period > data.asOf ? null : units(s.actual ?? 0),
  }));
}

export const groupPeriods = (g: Group): PeriodSpend[] => g.periods.map((p) => ({ period: p.period, planned: p.planned.cost, actual: p.actual?.cost ?? null }));

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The first day after the period that starts on `period`. */
export function periodEnd(period: string, grain: PlanPerformance['grain']): number {
  if (grain === 'day') return ms(period) + DAY;
  if (grain === 'week') return ms(period) + 7 * DAY;
  const d = new Date(ms(period));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * A point of the cumulative picture, at a moment (the start of a day, UTC ms): spend planned and
 * delivered by then. `forecast` draws on from the as-of date to the end of the last period.
 */
export interface CumulativePoint {
  at: number;
  planned: number;
  actual?: number;
  forecast?: number;
}

/**
 * Cumulative planned and actual spend at each period's end, plus a point at the end of the as-of
 * day with the API's own planned-to-date and actual: in the period under way the whole period's
 * plan would make delivery look behind when it is not.
 */
export function cumulative(periods: readonly PeriodSpend[], grain: PlanPerformance['grain'], asOf: string, figures: Pick<Totals, 'plannedToDate' | 'actual' | 'forecastAtEnd'>): CumulativePoint[] {
  if (!periods.length) return [];
  const cut = ms(asOf) + DAY;
  const points: CumulativePoint[] = [{ at: ms(periods[0].period), planned: 0, ...(ms(periods[0].period) < cut ? { actual: 0 } : {}) }];
  let planned = 0;
  let actual = 0;
  for (const p of periods) {
    const end = periodEnd(p.period, grain);
    if (points[points.length - 1].at < cut && end > cut) points.push({ at: cut, planned: minor(figures.plannedToDate) / 100, actual: minor(figures.actual.cost) / 100 });
    planned += minor(p.planned);
    actual += p.actual === null ? 0 : minor(p.actual);
    points.push({ at: end, planned: planned / 100, ...(end <= cut ? { actual: actual / 100 } : {}) });
  }
  const last = points[points.length - 1];
  const now = points.find((p) => p.at === cut);
  if (figures.forecastAtEnd !== null && now && last.at > cut) {
    now.forecast = now.actual;
    last.forecast = minor(figures.forecastAtEnd) / 100;
  }
  return points;
}

/**
 * What the browser gets: every group's figures, but periods only for the plan as a whole and for
 * the row on show. A plan of 2,000 lines by day would otherwise ship 2,000 × 90 periods into the page.
 */
export type Slim = Omit<PlanPerformance, 'groups'> & {
  groups: Array<Omit<Group, 'periods'>>;
  planPeriods: PeriodSpend[];
  /** The row whose periods are here, as asked for (it may name no group). */
  row: string | null;
  rowPeriods: PeriodSpend[] | null;
};

export function slim(data: PlanPerformance, row: string | null): Slim {
  const chosen = row === null ? undefined : data.groups.find((g) => g.key === row);
  return {
    ...data,
    groups: data.groups.map(({ periods: _periods, ...g }) => g),
    planPeriods: planPeriods(data),
    row,
    rowPeriods: chosen ? groupPeriods(chosen) : null,
  };
}
