// What the grid shows, row by row: the lines (grouped by channel or partner, with a subtotal after
// each group, when asked) and the totals row at the bottom, plus the sums those rows need.
import { monthlyMinor, toMinor, type FlightingPattern } from '@mrm/planning';
import { costOf, problemsOf, type Row } from './rows';

export type Grouping = 'none' | 'channel' | 'partner';

export type Entry =
  | { t: 'line'; row: Row; n: number }
  | { t: 'sub'; label: string; cost: bigint; months: Map<string, bigint> }
  | { t: 'total'; cost: bigint; months: Map<string, bigint> };

const monthCache = new WeakMap<Row, Map<string, bigint>>();

/** The line's cost per calendar month (its own flighting), empty while the line has errors. */
export function monthsOf(row: Row): Map<string, bigint> {
  const hit = monthCache.get(row);
  if (hit) return hit;
  let out = new Map<string, bigint>();
  if (Object.keys(problemsOf(row.v)).length === 0) {
    try {
      out = new Map(monthlyMinor(costOf(row.v), row.v.startDate, row.v.endDate, (row.base?.flighting as FlightingPattern | undefined) ?? { type: 'even' }));
    } catch {
      out = new Map();
    }
  }
  monthCache.set(row, out);
  return out;
}

export function costMinor(row: Row): bigint {
  try {
    const c = costOf(row.v);
    return c && !problemsOf(row.v).costTotal ? toMinor(c) : 0n;
  } catch {
    return 0n;
  }
}

function addInto(target: Map<string, bigint>, from: Map<string, bigint>) {
  for (const [k, v] of from) target.set(k, (target.get(k) ?? 0n) + v);
}

export function buildView(rows: readonly Row[], grouping: Grouping, withMonths: boolean, noGroup: string): Entry[] {
  const total = { t: 'total' as const, cost: 0n, months: new Map<string, bigint>() };
  const entries: Entry[] = [];
  if (grouping === 'none') {
    rows.forEach((row, i) => {
      entries.push({ t: 'line', row, n: i + 1 });
      total.cost += costMinor(row);
      if (withMonths) addInto(total.months, monthsOf(row));
    });
  } else {
    const groups = new Map<string, Array<{ row: Row; n: number }>>();
    rows.forEach((row, i) => {
      const label = row.v[grouping] || noGroup;
      groups.set(label, [...(groups.get(label) ?? []), { row, n: i + 1 }]);
    });
    for (const [label, members] of groups) {
      const sub = { t: 'sub' as const, label, cost: 0n, months: new Map<string, bigint>() };
      for (const m of members) {
        entries.push({ t: 'line', ...m });
        sub.cost += costMinor(m.row);
        if (withMonths) addInto(sub.months, monthsOf(m.row));
      }
      entries.push(sub);
      total.cost += sub.cost;
      addInto(total.months, sub.months);
    }
  }
  entries.push(total);
  return entries;
}

/** The months the plan's lines run in, first to last (at most three years, as the standard allows). */
export function monthSpan(rows: readonly Row[]): string[] {
  let first = '';
  let last = '';
  for (const r of rows) {
    if (Object.keys(problemsOf(r.v)).length) continue;
    if (!first || r.v.startDate < first) first = r.v.startDate;
    if (!last || r.v.endDate > last) last = r.v.endDate;
  }
  if (!first) return [];
  const out: string[] = [];
  let [y, m] = first.slice(0, 7).split('-').map(Number);
  const end = last.slice(0, 7);
  while (out.length < 36) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}
