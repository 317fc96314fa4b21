import { divHalfUp, parseScaled } from './decimal.js';
import { dailyAllocation, type FlightingPattern } from './flighting.js';
import { fromMinor } from './money.js';

/**
 * Pacing of a line: how far its spend is against what its flighting planned by a date, and where
 * it lands at the end of the flight if it keeps spending as it has lately. Amounts are decimal
 * strings with 2 decimals, as everywhere in this package; which side of commission and VAT they are
 * on is the caller's (the server passes net media cost on both sides).
 */
export interface PacingLine {
  costTotal: string;
  startDate: string;
  endDate: string;
  /** Missing or null spreads evenly. */
  flighting?: FlightingPattern | null;
}

/** How many days the recent run-rate averages over, unless told otherwise. */
export const RUN_RATE_DAYS = 7;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * What the line's flighting puts on the days up to and including `asOf`: nothing before the
 * start, the whole cost from the end date on. The same daily allocation as the plan's totals, so the
 * planned-to-date on the last day equals the line's cost exactly.
 */
export function plannedToDate(line: PacingLine, asOf: string): string {
  if (asOf < line.startDate) return '0.00';
  let sum = 0n;
  for (const d of dailyAllocation(line.costTotal, line.startDate, line.endDate, line.flighting ?? { type: 'even' })) {
    if (d.date > asOf) break;
    sum += parseScaled(d.amount, 2, 'amount', true);
  }
  return fromMinor(sum);
}

/**
 * Actual to date as a percentage of planned to date, to 2 decimals (half-up): 100 is on pace, above
 * is over-delivering spend, below is under. Null when nothing was planned yet (before the flight,
 * or a zero-cost line): no pace can be stated against zero.
 */
export function pacingPercent(actualToDate: string, plannedToDateAmount: string): string | null {
  const planned = parseScaled(plannedToDateAmount, 2, 'plannedToDate', true);
  if (planned <= 0n) return null;
  const actual = parseScaled(actualToDate, 2, 'actualToDate', true);
  return fromMinor(divHalfUp(actual * 10_000n, planned));
}

/** Whether a pacing percentage is more than `threshold` percentage points away from 100 (strictly). */
export function offPace(pacing: string | null, thresholdPercent: string): boolean {
  if (pacing === null) return false;
  const deviation = parseScaled(pacing, 2, 'pacing', true) - 10_000n;
  const threshold = parseScaled(thresholdPercent, 2, 'threshold');
  return (deviation < 0n ? -deviation : deviation) > threshold;
}

export interface ForecastInput extends Pick<PacingLine, 'startDate' | 'endDate'> {
  asOf: string;
  /** Actual spend per day; days missing from the list spent nothing. Days after asOf are ignored. */
  dailyActuals: ReadonlyArray<{ date: string; amount: string }>;
  /** Days the run-rate averages over (default 7). */
  runRateDays?: number;
}

export interface Forecast {
  /** Actual spend from the start date to asOf (or the end date, if earlier). */
  actualToDate: string;
  /** Average daily spend over the run-rate window, to 2 decimals (half-up). */
  runRate: string;
  /** The days the run-rate averaged: the last `runRateDays` flight days up to asOf. */
  runRateFrom: string;
  runRateTo: string;
  /** Flight days after asOf. */
  remainingDays: number;
  /** actualToDate + runRate × remainingDays: what the line spends by its end date at its recent pace. */
  atEndOfFlight: string;
}

/**
 * Forecast spend at the end of the flight. The rule: actual-to-date plus the remaining days times
 * the recent daily run-rate, where the run-rate is the actual spend of the last `runRateDays` days
 * of the flight up to `asOf` (fewer when the flight has run fewer days) divided by that number of
 * days, rounded half-up to 2 decimals. Days in the window without a row count as zero spend. Once
 * the flight has ended the forecast is the actual. Null before the flight starts: there is no pace
 * to extrapolate yet.
 */
export function forecastAtEnd(input: ForecastInput): Forecast | null {
  const start = dayNumber(input.startDate);
  const end = dayNumber(input.endDate);
  const asOf = dayNumber(input.asOf);
  const window = input.runRateDays ?? RUN_RATE_DAYS;
  if ([start, end, asOf].some(Number.isNaN)) throw new RangeError('startDate, endDate and asOf must be dates YYYY-MM-DD');
  if (end < start) throw new RangeError(`endDate ${input.endDate} is before startDate ${input.startDate}`);
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`runRateDays must be a whole number of days ≥ 1, got ${window}`);
  if (asOf < start) return null;
  const last = Math.min(asOf, end);
  const first = Math.max(start, last - window + 1);
  let toDate = 0n;
  let recent = 0n;
  for (const { date, amount } of input.dailyActuals) {
    const day = dayNumber(date);
    if (day < start || day > last) continue;
    const minor = parseScaled(amount, 2, `actual on ${date}`, true);
    toDate += minor;
    if (day >= first) recent += minor;
  }
  const runRate = divHalfUp(recent, BigInt(last - first + 1));
  const remaining = end - last;
  return {
    actualToDate: fromMinor(toDate),
    runRate: fromMinor(runRate),
    runRateFrom: dateOf(first),
    runRateTo: dateOf(last),
    remainingDays: remaining,
    atEndOfFlight: fromMinor(toDate + runRate * BigInt(remaining)),
  };
}

/** Millionths of a currency unit (the platforms' micros) to an amount with 2 decimals, half-up. */
export function microsToAmount(micros: number | bigint): string {
  const m = typeof micros === 'bigint' ? micros : BigInt(Math.round(micros));
  return fromMinor(divHalfUp(m, 10_000n));
}
