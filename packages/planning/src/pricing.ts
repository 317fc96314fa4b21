import { divFloor, divHalfUp, parseExact, parseScaled } from './decimal.js';
import { fromMinor } from './money.js';

export const PRICING_MODELS = ['cpm', 'cpc', 'cpcv', 'cpv', 'cpa', 'cpl', 'cpp', 'flat_rate'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

export type UnitMetric =
  | 'impressions'
  | 'clicks'
  | 'view_completions'
  | 'views'
  | 'conversions'
  | 'leads'
  | 'rating_points';

const METRIC: Record<PricingModel, UnitMetric | null> = {
  cpm: 'impressions',
  cpc: 'clicks',
  cpcv: 'view_completions',
  cpv: 'views',
  cpa: 'conversions',
  cpl: 'leads',
  cpp: 'rating_points',
  flat_rate: null,
};

const RATE_DECIMALS = 4;
const MONEY_DECIMALS = 2;
const EFFECTIVE_RATE_DECIMALS = 4;

/** Which delivery metric the units of a pricing model count; null for a flat rate, which buys no units. */
export function unitMetric(model: PricingModel): UnitMetric | null {
  checkModel(model);
  return METRIC[model];
}

function checkModel(model: PricingModel): void {
  if (!(PRICING_MODELS as readonly string[]).includes(model)) {
    throw new RangeError(`unknown pricing model ${JSON.stringify(model)}; expected one of ${PRICING_MODELS.join(', ')}`);
  }
}

// Rating points are bought in hundredths of a point; every other unit is whole.
function unitDecimals(model: PricingModel): number {
  return model === 'cpp' ? 2 : 0;
}

// cost in minor units = rate (in 10^-4) × units (in 10^-unitDecimals) / divisor: the divisor turns
// the rate's four decimals into money's two, undoes the units' scale and, for CPM, the thousand.
function divisor(model: PricingModel): bigint {
  const perThousand = model === 'cpm' ? 1000n : 1n;
  return 10n ** BigInt(RATE_DECIMALS - MONEY_DECIMALS + unitDecimals(model)) * perThousand;
}

function readRate(rate: string): bigint {
  return parseScaled(rate, RATE_DECIMALS, 'rate');
}

/**
 * Cost of buying `units` at `rate`, rounded half-up to 2 decimals.
 * CPM prices a thousand impressions; CPP prices one rating point (units may carry 2 decimals);
 * the other models price one unit; a flat rate is the cost whatever the units, which are ignored.
 */
export function costFromUnits(model: PricingModel, rate: string, units: string): string {
  checkModel(model);
  const r = readRate(rate);
  if (model === 'flat_rate') return fromMinor(divHalfUp(r, 10n ** BigInt(RATE_DECIMALS - MONEY_DECIMALS)));
  const u = parseScaled(units, unitDecimals(model), METRIC[model] ?? 'units');
  return fromMinor(divHalfUp(r * u, divisor(model)));
}

/**
 * How many units `cost` buys at `rate`, rounded down (to hundredths of a point for CPP) so that
 * buying them never costs more than `cost`. A flat rate buys no countable units and answers "0".
 */
export function unitsFromCost(model: PricingModel, rate: string, cost: string): string {
  checkModel(model);
  const r = readRate(rate);
  if (model === 'flat_rate') return '0';
  if (r === 0n) throw new RangeError(`a ${model} rate of 0 buys unlimited ${METRIC[model]}; give a positive rate`);
  const c = parseScaled(cost, MONEY_DECIMALS, 'cost');
  return fromMinor(divFloor(c * divisor(model), r), unitDecimals(model));
}

export interface DeliveryCounts {
  impressions?: string | number | null;
  clicks?: string | number | null;
  views?: string | number | null;
  conversions?: string | number | null;
}

export interface EffectiveRates {
  cpm: string | null;
  cpc: string | null;
  cpv: string | null;
  cpa: string | null;
}

/**
 * What the money actually bought per unit: cost per thousand impressions, per click, per view and
 * per conversion, each to 4 decimals (half-up). A rate is null when its count is missing or zero,
 * since the editor shows an empty cell rather than an error there.
 */
export function effectiveRates(cost: string, counts: DeliveryCounts): EffectiveRates {
  const c = parseScaled(cost, MONEY_DECIMALS, 'cost', true);
  const per = (count: string | number | null | undefined, what: string, multiplier: bigint): string | null => {
    if (count === undefined || count === null) return null;
    const n = parseExact(count, what);
    if (n.units === 0n) return null;
    // rate = cost × multiplier / count, with the count's own decimals folded into the numerator
    const numerator = c * multiplier * 10n ** BigInt(EFFECTIVE_RATE_DECIMALS - MONEY_DECIMALS + n.scale);
    return fromMinor(divHalfUp(numerator, n.units), EFFECTIVE_RATE_DECIMALS);
  };
  return {
    cpm: per(counts.impressions, 'impressions', 1000n),
    cpc: per(counts.clicks, 'clicks', 1n),
    cpv: per(counts.views, 'views', 1n),
    cpa: per(counts.conversions, 'conversions', 1n),
  };
}
