/** Calendar helpers on ISO dates ('YYYY-MM-DD'), always in UTC so results never depend on the host's zone. */

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function toDay(s: string): number {
  return Math.floor(Date.parse(`${s}T00:00:00Z`) / DAY_MS);
}

export function fromDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  return fromDay(toDay(s) + n);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Inclusive list of dates from `from` to `to`; empty when from > to. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toDay(from), end = toDay(to); d <= end; d++) out.push(fromDay(d));
  return out;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(s: string): number {
  return (new Date(`${s}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
