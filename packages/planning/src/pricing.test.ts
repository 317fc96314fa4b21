import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMinor, toMinor } from './money.js';
import { PRICING_MODELS, costFromUnits, effectiveRates, unitMetric, unitsFromCost, type PricingModel } from './pricing.js';

const UNIT_MODELS = PRICING_MODELS.filter((m) => m !== 'flat_rate');
const unitDecimals = (model: PricingModel) => (model === 'cpp' ? 2 : 0);

const model = fc.constantFrom(...UNIT_MODELS);
const rate = fc.bigInt({ min: 1n, max: 10n ** 10n }).map((r) => fromMinor(r, 4));
const cost = fc.bigInt({ min: 0n, max: 10n ** 13n }).map((c) => fromMinor(c));
const unitsFor = (m: PricingModel) => fc.bigInt({ min: 0n, max: 10n ** 12n }).map((u) => fromMinor(u, unitDecimals(m)));

// rate × units and cost, both as integers of 10^-(4 + unitDecimals + 3) money, to compare exactly.
const exactSpend = (m: PricingModel, r: string, units: string) => toMinor(r, 4) * toMinor(units, unitDecimals(m)) * (m === 'cpm' ? 1n : 1000n);
const exactBudget = (m: PricingModel, c: string) => toMinor(c) * 10n ** BigInt(2 + unitDecimals(m)) * 1000n;

describe('cost from units', () => {
  it('prices what a planner books', () => {
    expect(costFromUnits('cpm', '245.5000', '1000000')).toBe('245500.00');
    expect(costFromUnits('cpm', '350', '1234567')).toBe('432098.45');
    expect(costFromUnits('cpc', '12.35', '4000')).toBe('49400.00');
    expect(costFromUnits('cpcv', '1.8500', '250000')).toBe('462500.00');
    expect(costFromUnits('cpv', '0.95', '120000')).toBe('114000.00');
    expect(costFromUnits('cpa', '1500', '37')).toBe('55500.00');
    expect(costFromUnits('cpl', '850.5', '210')).toBe('178605.00');
    // TV: 123.45 GRP at 85 000 per rating point
    expect(costFromUnits('cpp', '85000', '123.45')).toBe('10493250.00');
    expect(costFromUnits('flat_rate', '1500000', '0')).toBe('1500000.00');
    expect(costFromUnits('flat_rate', '1500000', 'anything')).toBe('1500000.00');
  });

  it('rounds the cost half-up to kopecks', () => {
    expect(costFromUnits('cpm', '245.5', '1001')).toBe('245.75'); // 245.7455
    expect(costFromUnits('cpm', '5', '1')).toBe('0.01'); // 0.005
    expect(costFromUnits('cpm', '4.9999', '1')).toBe('0.00'); // 0.0049999
    expect(costFromUnits('cpcv', '0.1234', '10001')).toBe('1234.12'); // 1234.1234
    expect(costFromUnits('flat_rate', '99.995', '1')).toBe('100.00');
  });

  it('refuses units and rates it cannot price', () => {
    expect(() => costFromUnits('cpm', '245.12345', '1000')).toThrow(/at most 4 decimals/);
    expect(() => costFromUnits('cpm', '245', '1000.5')).toThrow(RangeError);
    expect(() => costFromUnits('cpp', '85000', '1.234')).toThrow(RangeError);
    expect(() => costFromUnits('cpc', '-1', '10')).toThrow(/negative/);
    expect(() => costFromUnits('cpx' as PricingModel, '1', '1')).toThrow(/unknown pricing model/);
  });
});

describe('units from cost', () => {
  it('buys whole units (hundredths of a point on TV) within the budget', () => {
    expect(unitsFromCost('cpm', '245.5', '100000')).toBe('407331'); // 407 331.97…
    expect(unitsFromCost('cpc', '12.35', '49400.00')).toBe('4000');
    expect(unitsFromCost('cpp', '85000', '1000000')).toBe('11.76'); // 11.7647…
    expect(unitsFromCost('flat_rate', '1500000', '1500000')).toBe('0');
  });

  it('refuses a zero rate, which would buy unlimited units', () => {
    expect(() => unitsFromCost('cpm', '0', '100')).toThrow(RangeError);
    expect(() => unitsFromCost('cpm', '0.0000', '100')).toThrow(/unlimited impressions/);
  });

  it('never overshoots the budget, and one more unit would', () => {
    fc.assert(
      fc.property(model, rate, cost, (m, r, c) => {
        const units = unitsFromCost(m, r, c);
        expect(toMinor(costFromUnits(m, r, units))).toBeLessThanOrEqual(toMinor(c));
        const oneMore = fromMinor(toMinor(units, unitDecimals(m)) + 1n, unitDecimals(m));
        expect(exactSpend(m, r, units)).toBeLessThanOrEqual(exactBudget(m, c));
        expect(exactSpend(m, r, oneMore)).toBeGreaterThan(exactBudget(m, c));
      }),
    );
  });

  // Rounding the cost half-up can add up to half a kopeck, which at a tiny rate buys extra units;
  // above CPM 5, CPC 0.005 or CPP 0.50 half a kopeck buys less than one unit.
  it('round-trips units to at most the units booked at any realistic rate', () => {
    const floor: Record<PricingModel, bigint> = { cpm: 50000n, cpp: 5000n, cpc: 50n, cpcv: 50n, cpv: 50n, cpa: 50n, cpl: 50n, flat_rate: 0n };
    const realistic = model.chain((m) => fc.tuple(fc.constant(m), fc.bigInt({ min: floor[m] + 1n, max: 10n ** 10n }).map((r) => fromMinor(r, 4)), unitsFor(m)));
    fc.assert(
      fc.property(realistic, ([m, r, u]) => {
        expect(toMinor(unitsFromCost(m, r, costFromUnits(m, r, u)), unitDecimals(m))).toBeLessThanOrEqual(toMinor(u, unitDecimals(m)));
      }),
    );
  });

  it('at a tiny rate, the half kopeck rounded into the cost buys extra units', () => {
    expect(costFromUnits('cpm', '1', '5')).toBe('0.01'); // 0.005 rounds up
    expect(unitsFromCost('cpm', '1', '0.01')).toBe('10');
  });

  it('round-trips units to at most what half a kopeck more buys, at any rate', () => {
    fc.assert(
      fc.property(model.chain((m) => fc.tuple(fc.constant(m), rate, unitsFor(m))), ([m, r, u]) => {
        const back = toMinor(unitsFromCost(m, r, costFromUnits(m, r, u)), unitDecimals(m));
        const halfKopeckBuys = exactBudget(m, '0.01') / 2n / exactSpend(m, r, fromMinor(1n, unitDecimals(m)));
        expect(back).toBeLessThanOrEqual(toMinor(u, unitDecimals(m)) + halfKopeckBuys);
      }),
    );
  });
});

describe('monotonicity and exactness', () => {
  it('more units never cost less', () => {
    fc.assert(
      fc.property(model.chain((m) => fc.tuple(fc.constant(m), rate, unitsFor(m), unitsFor(m))), ([m, r, a, b]) => {
        const [lo, hi] = toMinor(a, unitDecimals(m)) <= toMinor(b, unitDecimals(m)) ? [a, b] : [b, a];
        expect(toMinor(costFromUnits(m, r, lo))).toBeLessThanOrEqual(toMinor(costFromUnits(m, r, hi)));
      }),
    );
  });

  it('more budget never buys fewer units', () => {
    fc.assert(
      fc.property(model, rate, cost, cost, (m, r, a, b) => {
        const [lo, hi] = toMinor(a) <= toMinor(b) ? [a, b] : [b, a];
        expect(toMinor(unitsFromCost(m, r, lo), unitDecimals(m))).toBeLessThanOrEqual(toMinor(unitsFromCost(m, r, hi), unitDecimals(m)));
      }),
    );
  });

  it('a per-unit rate in kopecks prices exactly, with nothing to round', () => {
    const perUnit = fc.constantFrom<PricingModel>('cpc', 'cpcv', 'cpv', 'cpa', 'cpl');
    fc.assert(
      fc.property(perUnit, fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), (m, kopecks, n) => {
        expect(costFromUnits(m, fromMinor(kopecks), n.toString())).toBe(fromMinor(kopecks * n));
        if (kopecks > 0n) expect(unitsFromCost(m, fromMinor(kopecks), fromMinor(kopecks * n))).toBe(n.toString());
      }),
    );
  });

  it('a flat rate costs the same whatever the units', () => {
    fc.assert(
      fc.property(rate, fc.bigInt({ min: 0n, max: 10n ** 12n }), (r, u) => {
        expect(costFromUnits('flat_rate', r, u.toString())).toBe(costFromUnits('flat_rate', r, '0'));
      }),
    );
  });
});

describe('unit metrics', () => {
  it('names the metric each model buys', () => {
    expect(PRICING_MODELS.map(unitMetric)).toEqual(['impressions', 'clicks', 'view_completions', 'views', 'conversions', 'leads', 'rating_points', null]);
  });
});

describe('effective rates', () => {
  it('fills the computed columns of the editor', () => {
    expect(effectiveRates('245500.00', { impressions: 1_000_000, clicks: '2500', views: null, conversions: 0 })).toEqual({
      cpm: '245.5000',
      cpc: '98.2000',
      cpv: null,
      cpa: null,
    });
    expect(effectiveRates('100.00', { impressions: '3', views: '7', conversions: '6' })).toEqual({
      cpm: '33333.3333',
      cpc: null,
      cpv: '14.2857',
      cpa: '16.6667',
    });
    expect(effectiveRates('0.01', {})).toEqual({ cpm: null, cpc: null, cpv: null, cpa: null });
  });

  it('is within half a ten-thousandth of the true rate', () => {
    fc.assert(
      fc.property(cost, fc.bigInt({ min: 1n, max: 10n ** 12n }), (c, clicks) => {
        const cpc = toMinor(effectiveRates(c, { clicks: clicks.toString() }).cpc!, 4);
        const error = cpc * clicks - toMinor(c) * 100n; // (cpc − cost/clicks) in 10^-4, times clicks
        expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(clicks);
      }),
    );
  });

  it('CPM is a thousand times the cost per impression', () => {
    fc.assert(
      fc.property(cost, fc.bigInt({ min: 1n, max: 10n ** 12n }), (c, n) => {
        const r = effectiveRates(c, { impressions: n.toString(), clicks: n.toString() });
        const perThousand = effectiveRates(fromMinor(toMinor(c) * 1000n), { clicks: n.toString() }).cpc;
        expect(r.cpm).toBe(perThousand);
      }),
    );
  });
});
