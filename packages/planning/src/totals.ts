import { parseScaled } from './decimal.js';
import { monthlyMinor, type FlightingPattern, type MonthlyAmount } from './flighting.js';
import { fromMinor } from './money.js';

export interface PlanLine {
  channel?: string | null;
  partner?: string | null;
  costTotal: string;
  startDate: string;
  endDate: string;
  /** Missing or null spreads evenly, as a line without a flighting choice does in the editor. */
  flighting?: FlightingPattern | null;
}

export interface PlanTotals {
  total: string;
  byChannel: Record<string, string>;
  byPartner: Record<string, string>;
  byMonth: MonthlyAmount[];
}

/** The bucket for lines without a channel or partner (an empty name counts as none). */
export const NO_GROUP = '(none)';

function add(sums: Map<string, bigint>, key: string, minor: bigint): void {
  sums.set(key, (sums.get(key) ?? 0n) + minor);
}

// fromEntries defines own properties, so a channel literally named "__proto__" is still a key.
function toRecord(sums: Map<string, bigint>): Record<string, string> {
  return Object.fromEntries([...sums].map(([k, v]) => [k, fromMinor(v)]));
}

/**
 * Totals of a plan: the grand total, per channel, per partner (keys in order of first appearance)
 * and per calendar month (in month order, each line spread by its own flighting). Every breakdown
 * adds up to the total exactly, because each line's months add up to its cost exactly.
 */
export function planTotals(lines: readonly PlanLine[]): PlanTotals {
  let total = 0n;
  const channels = new Map<string, bigint>();
  const partners = new Map<string, bigint>();
  const months = new Map<string, bigint>();
  lines.forEach((line, i) => {
    try {
      const cost = parseScaled(line.costTotal, 2, 'costTotal', true);
      total += cost;
      add(channels, line.channel || NO_GROUP, cost);
      add(partners, line.partner || NO_GROUP, cost);
      for (const [month, amount] of monthlyMinor(line.costTotal, line.startDate, line.endDate, line.flighting ?? { type: 'even' })) add(months, month, amount);
    } catch (e) {
      // Name the line, or a plan of hundreds of lines reports an error nobody can find.
      if (e instanceof RangeError) throw new RangeError(`line ${i + 1}: ${e.message}`, { cause: e });
      throw e;
    }
  });
  return {
    total: fromMinor(total),
    byChannel: toRecord(channels),
    byPartner: toRecord(partners),
    byMonth: [...months.keys()].sort().map((month) => ({ month, amount: fromMinor(months.get(month)!) })),
  };
}
