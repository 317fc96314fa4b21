import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byMonth, byWeek, dailyAllocation, monthlyMinor, type DailyAmount, type FlightingPattern } from './flighting.js';
import { fromMinor, sumAmounts, toMinor } from './money.js';

const DAY = 86_400_000;
const dateAt = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const amounts = (daily: DailyAmount[]) => daily.map((d) => d.amount);
const minors = (daily: DailyAmount[]) => daily.map((d) => toMinor(d.amount));
const monthsTouched = (first: number, days: number) => new Set(Array.from({ length: days }, (_, d) => dateAt(first + d).slice(0, 7))).size;

const costMinor = fc.bigInt({ min: 0n, max: 10n ** 13n });
const flight = fc.record({ first: fc.integer({ min: dayOf('1990-01-01'), max: dayOf('2090-12-31') }), days: fc.integer({ min: 1, max: 800 }) });
const weight = fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 })).map(([w, scale]) => fromMinor(BigInt(w), scale));
const weightsOf = (count: number) =>
  fc.array(weight, { minLength: count, maxLength: count }).filter((ws) => ws.some((w) => toMinor(w, 4) > 0n));
const firstShare = fc.integer({ min: 5000, max: 7500 }).map((s) => fromMinor(BigInt(s), 4));

const case_ = flight.chain(({ first, days }) =>
  fc.record({
    cost: costMinor,
    first: fc.constant(first),
    days: fc.constant(days),
    pattern: fc.oneof(
      fc.constant<FlightingPattern>({ type: 'even' }),
      fc.option(firstShare, { nil: undefined }).map((s): FlightingPattern => (s === undefined ? { type: 'front_loaded' } : { type: 'front_loaded', firstShare: s })),
      weightsOf(Math.ceil(days / 7)).map((weights): FlightingPattern => ({ type: 'weekly', weights })),
      weightsOf(monthsTouched(first, days)).map((weights): FlightingPattern => ({ type: 'monthly', weights })),
    ),
  }),
);
const allocate = (c: { cost: bigint; first: number; days: number; pattern: FlightingPattern }) =>
  dailyAllocation(fromMinor(c.cost), dateAt(c.first), dateAt(c.first + c.days - 1), c.pattern);

describe('daily allocation, worked examples', () => {
  it('spreads evenly, the odd kopecks going to the earliest days', () => {
    expect(amounts(dailyAllocation('100.00', '2025-03-01', '2025-03-03'))).toEqual(['33.34', '33.33', '33.33']);
    expect(amounts(dailyAllocation('0.05', '2025-03-01', '2025-03-10', { type: 'even' }))).toEqual(['0.01', '0.01', '0.01', '0.01', '0.01', '0.00', '0.00', '0.00', '0.00', '0.00']);
    const march = dailyAllocation('1000000.00', '2025-03-01', '2025-03-31');
    expect(march).toHaveLength(31);
    expect(march.filter((d) => d.amount === '32258.07')).toHaveLength(14);
    expect(march.slice(14).every((d) => d.amount === '32258.06')).toBe(true);
    expect(sumAmounts(amounts(march))).toBe('1000000.00');
  });

  it('front-loads on a straight line, two thirds in the first half by default', () => {
    const ten = dailyAllocation('3000.00', '2025-03-01', '2025-03-10', { type: 'front_loaded' });
    expect(amounts(ten)).toEqual(['480.00', '440.00', '400.00', '360.00', '320.00', '280.00', '240.00', '200.00', '160.00', '120.00']);
    expect(sumAmounts(amounts(ten.slice(0, 5)))).toBe('2000.00');
    expect(amounts(dailyAllocation('1600.00', '2025-03-01', '2025-03-04', { type: 'front_loaded', firstShare: '0.75' }))).toEqual(['700.00', '500.00', '300.00', '100.00']);
    expect(dailyAllocation('100.00', '2025-03-01', '2025-03-03', { type: 'front_loaded', firstShare: '0.5' })).toEqual(dailyAllocation('100.00', '2025-03-01', '2025-03-03'));
    expect(amounts(dailyAllocation('100.00', '2025-03-01', '2025-03-01', { type: 'front_loaded' }))).toEqual(['100.00']);
  });

  it('weights 7-day blocks from the start date, a partial last block by its days', () => {
    // 17 days: blocks of 7, 7 and 3 days weighing 2 : 1 : 1 per day → 14 : 7 : 3
    const daily = dailyAllocation('240000.00', '2025-03-03', '2025-03-19', { type: 'weekly', weights: ['2', '1', '1'] });
    expect(daily).toHaveLength(17);
    expect(new Set(amounts(daily.slice(0, 7)))).toEqual(new Set(['20000.00']));
    expect(new Set(amounts(daily.slice(7)))).toEqual(new Set(['10000.00']));
    expect(byWeek(daily)).toEqual([
      { weekStart: '2025-03-03', amount: '140000.00' },
      { weekStart: '2025-03-10', amount: '70000.00' },
      { weekStart: '2025-03-17', amount: '30000.00' },
    ]);
    // a dark week in the middle of the flight
    const dark = dailyAllocation('1400.00', '2025-03-03', '2025-03-23', { type: 'weekly', weights: ['1', '0', '1'] });
    expect(sumAmounts(amounts(dark.slice(7, 14)))).toBe('0.00');
  });

  it('weights calendar months as given, however few of their days the flight covers', () => {
    const daily = dailyAllocation('1000.00', '2024-01-31', '2024-02-29', { type: 'monthly', weights: ['1', '1'] });
    expect(daily[0]).toEqual({ date: '2024-01-31', amount: '500.00' });
    expect(byMonth(daily)).toEqual([
      { month: '2024-01', amount: '500.00' },
      { month: '2024-02', amount: '500.00' },
    ]);
    const newYear = dailyAllocation('300000.00', '2025-12-15', '2026-01-15', { type: 'monthly', weights: ['1', '2'] });
    expect(byMonth(newYear)).toEqual([
      { month: '2025-12', amount: '100000.00' },
      { month: '2026-01', amount: '200000.00' },
    ]);
  });

  it('walks calendar dates in UTC: leap days, year ends and DST changes', () => {
    expect(dailyAllocation('3.00', '2024-02-28', '2024-03-01').map((d) => d.date)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dailyAllocation('2.00', '2100-02-28', '2100-03-01').map((d) => d.date)).toEqual(['2100-02-28', '2100-03-01']);
    expect(dailyAllocation('3.00', '2025-03-29', '2025-03-31').map((d) => d.date)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    expect(dailyAllocation('3.00', '2025-10-25', '2025-10-27').map((d) => d.date)).toEqual(['2025-10-25', '2025-10-26', '2025-10-27']);
    expect(dailyAllocation('2.00', '2025-12-31', '2026-01-01').map((d) => d.date)).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('spreads a credit as the mirror image of the same debit', () => {
    expect(amounts(dailyAllocation('-100.00', '2025-03-01', '2025-03-03'))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('refuses dates and patterns that make no sense, saying why', () => {
    expect(() => dailyAllocation('1.00', '2025-03-02', '2025-03-01')).toThrow(/before start/);
    expect(() => dailyAllocation('1.00', '2025-02-29', '2025-03-01')).toThrow(/calendar date/);
    expect(() => dailyAllocation('1.00', '2025-3-1', '2025-03-01')).toThrow(/YYYY-MM-DD/);
    expect(() => dailyAllocation('1.00', '2025-03-01', '2025-03-20', { type: 'weekly', weights: ['1', '1'] })).toThrow(
      'weekly flighting needs 3 weights (one per 7-day block from the start date: 20 days make 3 blocks, the last one partial with 6 days), but 2 were given',
    );
    expect(() => dailyAllocation('1.00', '2025-01-31', '2025-03-01', { type: 'monthly', weights: ['1'] })).toThrow(
      'monthly flighting needs 3 weights (one per calendar month touched: 2025-01, 2025-02, 2025-03), but 1 was given',
    );
    expect(() => dailyAllocation('1.00', '2025-03-01', '2025-03-01', { type: 'weekly', weights: ['0'] })).toThrow(/at least one positive/);
    expect(() => dailyAllocation('1.00', '2025-03-01', '2025-03-01', { type: 'weekly', weights: ['-1'] })).toThrow(/negative/);
    expect(() => dailyAllocation('1.00', '2025-03-01', '2025-03-01', { type: 'front_loaded', firstShare: '0.8' })).toThrow(/between 0.5 and 0.75/);
    expect(() => dailyAllocation('1.00', '2025-03-01', '2025-03-01', { type: 'bursty' } as unknown as FlightingPattern)).toThrow(/unknown flighting/);
    expect(() => dailyAllocation('1.001', '2025-03-01', '2025-03-01')).toThrow(/decimals/);
  });
});

describe('daily allocation, properties', () => {
  it('gives every day of the flight a non-negative part, the parts summing exactly to the cost', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const daily = allocate(c);
        expect(daily.map((d) => d.date)).toEqual(Array.from({ length: c.days }, (_, d) => dateAt(c.first + d)));
        const parts = minors(daily);
        expect(parts.every((p) => p >= 0n)).toBe(true);
        expect(parts.reduce((a, p) => a + p, 0n)).toBe(c.cost);
      }),
    );
  });

  it('spreads evenly to within one kopeck, larger parts first', () => {
    fc.assert(
      fc.property(costMinor, flight, (cost, { first, days }) => {
        const parts = minors(allocate({ cost, first, days, pattern: { type: 'even' } }));
        expect(parts[0] - parts[parts.length - 1] <= 1n).toBe(true);
        expect(parts.every((p, i) => i === 0 || p <= parts[i - 1])).toBe(true);
      }),
    );
  });

  it('front-loads without ever rising, putting firstShare into the first half of an even-length flight', () => {
    fc.assert(
      fc.property(costMinor, flight, firstShare, (cost, { first, days }, share) => {
        const parts = minors(allocate({ cost, first, days, pattern: { type: 'front_loaded', firstShare: share } }));
        expect(parts.every((p, i) => i === 0 || p <= parts[i - 1])).toBe(true);
        if (days % 2 === 0) {
          const firstHalf = parts.slice(0, days / 2).reduce((a, p) => a + p, 0n);
          const exact = cost * toMinor(share, 4); // in 10^-4 kopecks
          const error = firstHalf * 10_000n - exact;
          expect((error < 0n ? -error : error) <= BigInt(days / 2) * 10_000n).toBe(true);
        }
      }),
    );
  });

  it('gives each weekly or monthly block its exact share rounded up or down, spread evenly inside it', () => {
    const blocked = case_.filter((c) => c.pattern.type === 'weekly' || c.pattern.type === 'monthly');
    fc.assert(
      fc.property(blocked, (c) => {
        const daily = allocate(c);
        const pattern = c.pattern as { type: 'weekly' | 'monthly'; weights: string[] };
        const keyOf = (d: DailyAmount, i: number) => (pattern.type === 'weekly' ? Math.floor(i / 7) : d.date.slice(0, 7));
        const blocks = new Map<number | string, bigint[]>();
        daily.forEach((d, i) => blocks.set(keyOf(d, i), [...(blocks.get(keyOf(d, i)) ?? []), toMinor(d.amount)]));
        const w = pattern.weights.map((x) => toMinor(x, 4));
        const blockWeights = [...blocks.values()].map((parts, b) => w[b] * (pattern.type === 'weekly' ? BigInt(parts.length) : 1n));
        const totalWeight = blockWeights.reduce((a, x) => a + x, 0n);
        [...blocks.values()].forEach((parts, b) => {
          const sum = parts.reduce((a, p) => a + p, 0n);
          const error = sum * totalWeight - c.cost * blockWeights[b];
          expect(-totalWeight < error && error < totalWeight).toBe(true);
          expect(parts.every((p) => p - parts[parts.length - 1] <= 1n && p >= parts[parts.length - 1])).toBe(true);
        });
      }),
    );
  });

  it('spreads a negative cost as the mirror of the positive one', () => {
    fc.assert(
      fc.property(case_, (c) => {
        expect(minors(allocate({ ...c, cost: -c.cost }))).toEqual(minors(allocate(c)).map((p) => -p));
      }),
    );
  });

  it('refuses weights that are all zero', () => {
    fc.assert(
      fc.property(flight, fc.constantFrom('weekly', 'monthly'), fc.constantFrom('0', '0.00', '0.0000'), ({ first, days }, type, zero) => {
        const count = type === 'weekly' ? Math.ceil(days / 7) : monthsTouched(first, days);
        const pattern = { type, weights: Array<string>(count).fill(zero) } as FlightingPattern;
        expect(() => dailyAllocation('100.00', dateAt(first), dateAt(first + days - 1), pattern)).toThrow(RangeError);
      }),
    );
  });
});

describe('months and weeks', () => {
  it('rolls March 2025 up into weeks starting Monday, or Sunday', () => {
    const march = dailyAllocation('3100.00', '2025-03-01', '2025-03-31');
    expect(byMonth(march)).toEqual([{ month: '2025-03', amount: '3100.00' }]);
    expect(byWeek(march).map((w) => [w.weekStart, w.amount])).toEqual([
      ['2025-02-24', '200.00'], // Saturday 1 and Sunday 2 March
      ['2025-03-03', '700.00'],
      ['2025-03-10', '700.00'],
      ['2025-03-17', '700.00'],
      ['2025-03-24', '700.00'],
      ['2025-03-31', '100.00'],
    ]);
    expect(byWeek(march, 0)[0]).toEqual({ weekStart: '2025-02-23', amount: '100.00' });
    expect(() => byWeek(march, 7)).toThrow(RangeError);
  });

  it('sum exactly to the days, each bucket holding exactly its own days', () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: 0, max: 6 }), (c, weekStartsOn) => {
        const daily = allocate(c);
        const months = byMonth(daily);
        const weeks = byWeek(daily, weekStartsOn);
        expect(months.reduce((a, m) => a + toMinor(m.amount), 0n)).toBe(c.cost);
        expect(weeks.reduce((a, w) => a + toMinor(w.amount), 0n)).toBe(c.cost);
        const expectedMonths = new Map<string, bigint>();
        const expectedWeeks = new Map<string, bigint>();
        for (const d of daily) {
          const back = (new Date(`${d.date}T00:00:00Z`).getUTCDay() - weekStartsOn + 7) % 7;
          const week = dateAt(dayOf(d.date) - back);
          expectedMonths.set(d.date.slice(0, 7), (expectedMonths.get(d.date.slice(0, 7)) ?? 0n) + toMinor(d.amount));
          expectedWeeks.set(week, (expectedWeeks.get(week) ?? 0n) + toMinor(d.amount));
        }
        expect(months).toEqual([...expectedMonths].map(([month, sum]) => ({ month, amount: fromMinor(sum) })));
        expect(weeks).toEqual([...expectedWeeks].map(([weekStart, sum]) => ({ weekStart, amount: fromMinor(sum) })));
        expect(weeks.every((w) => new Date(`${w.weekStart}T00:00:00Z`).getUTCDay() === weekStartsOn)).toBe(true);
        expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
      }),
    );
  });
});

describe('monthlyMinor', () => {
  it('agrees with summing the daily allocation by month, for every pattern', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 400 }), (minor, offset, length) => {
        const start = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2026, 0, 1) + (offset + length) * 86_400_000).toISOString().slice(0, 10);
        const cost = fromMinor(minor);
        for (const pattern of [{ type: 'even' } as const, { type: 'front_loaded' } as const]) {
          const viaDays = byMonth(dailyAllocation(cost, start, end, pattern)).map((m) => [m.month, toMinor(m.amount)]);
          expect(monthlyMinor(cost, start, end, pattern)).toEqual(viaDays);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('spreads credits and amounts smaller than the day count evenly the same way (the even split has its own per-month path)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -5000n, max: 5000n }), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 800 }), (minor, offset, length) => {
        const start = new Date(Date.UTC(2027, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2027, 0, 1) + (offset + length) * 86_400_000).toISOString().slice(0, 10);
        const cost = fromMinor(minor);
        const viaDays = byMonth(dailyAllocation(cost, start, end, { type: 'even' })).map((m) => [m.month, toMinor(m.amount)]);
        expect(monthlyMinor(cost, start, end, { type: 'even' })).toEqual(viaDays);
      }),
      { numRuns: 200 },
    );
    expect(() => monthlyMinor('1.00', '2027-02-01', '2027-01-31')).toThrow('end 2027-01-31 is before start 2027-02-01');
    expect(() => monthlyMinor('1.00', '2027-02-30', '2027-03-01')).toThrow(RangeError);
  });
});
