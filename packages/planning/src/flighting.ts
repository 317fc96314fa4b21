import { parseCommonScale, parseExact, parseScaled } from './decimal.js';
import { fromMinor } from './money.js';

/**
 * How a line's cost is spread over its days.
 *
 * - even: every day weighs the same.
 * - front_loaded: the daily weight falls on a straight line. Over n days, day i (0-based) gets the
 *   area of p(x) = 1 + m·(1 − 2x) over its slice [i/n, (i+1)/n] of the flight, i.e. a weight
 *   proportional to 1 + m·(n − 2i − 1)/n, where m = 4·firstShare − 2. With an even number of days
 *   the first half of them carries exactly firstShare before rounding (with an odd number the middle
 *   day straddles the halves). firstShare runs from 0.5 (even) to 0.75 (steepest: the line reaches
 *   zero at the very end of the flight); the default 2/3 makes the first day weigh 4× the last over ten
 *   days, approaching 5× on longer flights.
 * - weekly: one weight per consecutive 7-day block counted from the start date. A weight is per day
 *   of its block, so a partial last block of 3 days carries 3/7 of what a full block of that weight
 *   would.
 * - monthly: one weight per calendar month the flight touches, in order. A weight is the month's
 *   share as given, however few of its days the flight covers: with weights ["1", "1"], a flight
 *   from 2024-01-31 to 2024-02-29 puts half the cost on 31 January alone. Within a month, even.
 */
export type FlightingPattern =
  | { type: 'even' }
  | { type: 'front_loaded'; firstShare?: string }
  | { type: 'weekly'; weights: readonly string[] }
  | { type: 'monthly'; weights: readonly string[] };

export interface DailyAmount {
  date: string;
  amount: string;
}
export interface MonthlyAmount {
  month: string;
  amount: string;
}
export interface WeeklyAmount {
  weekStart: string;
  amount: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 1970-01-01, day 0, was a Thursday.
const EPOCH_WEEKDAY = 4;

/** Days since 1970-01-01 of a calendar date; UTC throughout, so no time zone or DST can shift a day. */
function dayNumber(date: string, what: string): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Round-tripping rejects 2025-02-30 (which Date.UTC rolls over) and years Date.UTC remaps.
  if (!m || Number.isNaN(ms) || dateOf(ms / DAY_MS) !== date) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Largest-remainder apportionment: each part gets the floor of its exact share, and the minor units
 * left over go one each to the largest remainders, earliest first on a tie. The parts always add up
 * to `total` and no part is ever more than one minor unit away from its exact share.
 */
function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (sum <= 0n) throw new RangeError('flighting weights must include at least one positive weight');
  // A credit (negative cost) mirrors the split of its magnitude.
  const magnitude = total < 0n ? -total : total;
  const parts = weights.map((w) => (magnitude * w) / sum);
  const remainders = weights.map((w) => (magnitude * w) % sum);
  let left = magnitude - parts.reduce((a, p) => a + p, 0n);
  const order = weights.map((_, i) => i).sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[order[k]] += 1n;
  return total < 0n ? parts.map((p) => -p) : parts;
}

/** A run of consecutive days sharing one weight for the run as a whole, spread evenly inside it. */
interface Block {
  days: number;
  weight: bigint;
}

function spread(total: bigint, blocks: readonly Block[]): bigint[] {
  const perBlock = apportion(total, blocks.map((b) => b.weight));
  return blocks.flatMap((b, i) => apportion(perBlock[i], new Array<bigint>(b.days).fill(1n)));
}

function frontLoadedBlocks(days: number, firstShare: string | undefined): Block[] {
  // m = num/den; the default 2/3 is not a finite decimal, hence the fraction.
  let num = 2n;
  let den = 3n;
  if (firstShare !== undefined) {
    const f = parseExact(firstShare, 'front_loaded firstShare');
    const one = 10n ** BigInt(f.scale);
    if (2n * f.units < one || 4n * f.units > 3n * one) {
      throw new RangeError(`front_loaded firstShare must be between 0.5 and 0.75 (a straight line cannot put more than 3/4 into the first half), got ${firstShare}`);
    }
    num = 4n * f.units - 2n * one;
    den = one;
  }
  const n = BigInt(days);
  return Array.from({ length: days }, (_, i) => ({ days: 1, weight: den * n + num * (n - 2n * BigInt(i) - 1n) }));
}

function readWeights(type: string, weights: readonly string[] | undefined, expected: number, span: string): bigint[] {
  if (!Array.isArray(weights)) throw new RangeError(`${type} flighting needs a weights array`);
  if (weights.length !== expected) {
    throw new RangeError(`${type} flighting needs ${expected} weight${expected === 1 ? '' : 's'} (${span}), but ${weights.length} ${weights.length === 1 ? 'was' : 'were'} given`);
  }
  const parsed = parseCommonScale(weights, `${type} weights`);
  if (!parsed.some((w) => w > 0n)) throw new RangeError(`${type} weights must include at least one positive weight`);
  return parsed;
}

function weeklyBlocks(days: number, weights: readonly string[]): Block[] {
  const count = Math.ceil(days / 7);
  const tail = days % 7 === 0 ? '' : `, the last one partial with ${days % 7} day${days % 7 === 1 ? '' : 's'}`;
  const w = readWeights('weekly', weights, count, `one per 7-day block from the start date: ${days} days make ${count} block${count === 1 ? '' : 's'}${tail}`);
  return w.map((weight, i) => {
    const blockDays = Math.min(7, days - 7 * i);
    return { days: blockDays, weight: weight * BigInt(blockDays) };
  });
}

function monthlyBlocks(first: number, days: number, weights: readonly string[]): Block[] {
  const months: string[] = [];
  const runs: number[] = [];
  for (let d = 0; d < days; d++) {
    const key = dateOf(first + d).slice(0, 7);
    if (key === months[months.length - 1]) runs[runs.length - 1]++;
    else {
      months.push(key);
      runs.push(1);
    }
  }
  const w = readWeights('monthly', weights, runs.length, `one per calendar month touched: ${months.join(', ')}`);
  return runs.map((blockDays, i) => ({ days: blockDays, weight: w[i] }));
}

/** The allocation in minor units, one amount per day from the first day number on. */
function allocate(cost: string, start: string, end: string, pattern: FlightingPattern): { first: number; amounts: bigint[] } {
  const total = parseScaled(cost, 2, 'cost', true);
  const first = dayNumber(start, 'start');
  const last = dayNumber(end, 'end');
  if (last < first) throw new RangeError(`end ${end} is before start ${start}`);
  const days = last - first + 1;
  let blocks: Block[];
  switch (pattern?.type) {
    case 'even':
      blocks = [{ days, weight: 1n }];
      break;
    case 'front_loaded':
      blocks = frontLoadedBlocks(days, pattern.firstShare);
      break;
    case 'weekly':
      blocks = weeklyBlocks(days, pattern.weights);
      break;
    case 'monthly':
      blocks = monthlyBlocks(first, days, pattern.weights);
      break;
    default:
      throw new RangeError(`unknown flighting pattern ${JSON.stringify((pattern as { type?: unknown } | undefined)?.type)}`);
  }
  return { first, amounts: spread(total, blocks) };
}

/**
 * The cost of a line spread over every day from `start` to `end` inclusive, in date order.
 * The daily amounts always add up to `cost` exactly and are never negative for a non-negative cost.
 * Weekly and monthly patterns apportion the cost between their blocks first and then evenly inside
 * each block, so every block's total is within one minor unit of its exact share.
 */
export function dailyAllocation(cost: string, start: string, end: string, pattern: FlightingPattern = { type: 'even' }): DailyAmount[] {
  const { first, amounts } = allocate(cost, start, end, pattern);
  return amounts.map((amount, d) => ({ date: dateOf(first + d), amount: fromMinor(amount) }));
}

/**
 * The same allocation summed per calendar month, in minor units — what plan totals need, without
 * formatting and re-reading one string per day (a 2,000-line plan has ~60,000 line-days).
 */
export function monthlyMinor(cost: string, start: string, end: string, pattern: FlightingPattern = { type: 'even' }): Array<[string, bigint]> {
  if (pattern?.type === 'even') return evenMonthlyMinor(cost, start, end);
  const { first, amounts } = allocate(cost, start, end, pattern);
  const out: Array<[string, bigint]> = [];
  let d = 0;
  while (d < amounts.length) {
    const date = new Date((first + d) * DAY_MS);
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS - first;
    let sum = 0n;
    for (const stop = Math.min(nextMonth, amounts.length); d < stop; d++) sum += amounts[d];
    out.push([date.toISOString().slice(0, 7), sum]);
  }
  return out;
}

/**
 * The even split per month without a value per day: every day gets floor(cost / days) and the
 * first (cost mod days) days one minor unit more — exactly what the day-by-day apportionment gives
 * (all its remainders tie, and ties go to the earliest) — so a month is its days × the floor plus
 * the extra units that fall in it. Dashboards add up thousands of lines this way.
 */
function evenMonthlyMinor(cost: string, start: string, end: string): Array<[string, bigint]> {
  const total = parseScaled(cost, 2, 'cost', true);
  const first = dayNumber(start, 'start');
  const last = dayNumber(end, 'end');
  if (last < first) throw new RangeError(`end ${end} is before start ${start}`);
  const days = last - first + 1;
  const magnitude = total < 0n ? -total : total;
  const base = magnitude / BigInt(days);
  const extra = Number(magnitude % BigInt(days));
  const out: Array<[string, bigint]> = [];
  for (let d = 0; d < days; ) {
    const date = new Date((first + d) * DAY_MS);
    const stop = Math.min(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS - first, days);
    const amount = base * BigInt(stop - d) + BigInt(Math.max(0, Math.min(stop, extra) - d));
    out.push([date.toISOString().slice(0, 7), total < 0n ? -amount : amount]);
    d = stop;
  }
  return out;
}

function groupSum(daily: readonly DailyAmount[], keyOf: (date: string) => string): Array<[string, string]> {
  const sums = new Map<string, bigint>();
  for (const { date, amount } of daily) {
    const key = keyOf(date);
    sums.set(key, (sums.get(key) ?? 0n) + parseScaled(amount, 2, `amount on ${date}`, true));
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, sum]) => [key, fromMinor(sum)]);
}

/** Daily amounts summed per calendar month, in month order; the months add up exactly to the days. */
export function byMonth(daily: readonly DailyAmount[]): MonthlyAmount[] {
  const monthOf = (date: string) => {
    dayNumber(date, 'date');
    return date.slice(0, 7);
  };
  return groupSum(daily, monthOf).map(([month, amount]) => ({ month, amount }));
}

/**
 * Daily amounts summed per week, keyed by the date the week starts on (weekStartsOn: 0 = Sunday …
 * 6 = Saturday; Monday by default), in week order; the weeks add up exactly to the days.
 */
export function byWeek(daily: readonly DailyAmount[], weekStartsOn = 1): WeeklyAmount[] {
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new RangeError(`weekStartsOn must be 0 (Sunday) to 6 (Saturday), got ${weekStartsOn}`);
  }
  const weekOf = (date: string) => {
    const day = dayNumber(date, 'date');
    const weekday = (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
    return dateOf(day - ((weekday - weekStartsOn + 7) % 7));
  };
  return groupSum(daily, weekOf).map(([weekStart, amount]) => ({ weekStart, amount }));
}
