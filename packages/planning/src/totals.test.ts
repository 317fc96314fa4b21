import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byMonth, dailyAllocation, type FlightingPattern } from './flighting.js';
import { fromMinor, sumAmounts, toMinor } from './money.js';
import { NO_GROUP, planTotals, type PlanLine } from './totals.js';

const DAY = 86_400_000;
const dateAt = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const sumOf = (amounts: Iterable<string>) => [...amounts].reduce((a, x) => a + toMinor(x), 0n);

describe('plan totals, worked example', () => {
  const plan: PlanLine[] = [
    { channel: 'TV', partner: 'Первый канал', costTotal: '3000000.00', startDate: '2025-03-01', endDate: '2025-04-30', flighting: { type: 'monthly', weights: ['2', '1'] } },
    { channel: 'OLV', partner: 'Яндекс', costTotal: '1000000.00', startDate: '2025-03-17', endDate: '2025-04-13' },
    { channel: 'OLV', partner: 'VK', costTotal: '500000.00', startDate: '2025-04-01', endDate: '2025-04-30', flighting: { type: 'front_loaded' } },
    { channel: null, partner: undefined, costTotal: '12345.67', startDate: '2025-03-31', endDate: '2025-04-01', flighting: null },
  ];

  it('breaks a two-month plan down by channel, partner and month', () => {
    const t = planTotals(plan);
    expect(t.total).toBe('4512345.67');
    expect(t.byChannel).toEqual({ TV: '3000000.00', OLV: '1500000.00', [NO_GROUP]: '12345.67' });
    expect(t.byPartner).toEqual({ 'Первый канал': '3000000.00', Яндекс: '1000000.00', VK: '500000.00', '(none)': '12345.67' });
    // March: TV 2 000 000.00 (weights 2 : 1); Яндекс 15 of its 28 days, each 35 714.29 (the first
    // 16 days carry the odd kopecks) = 535 714.35; the stray line's first day 6 172.84
    expect(t.byMonth).toEqual([
      { month: '2025-03', amount: '2541887.19' },
      { month: '2025-04', amount: '1970458.48' },
    ]);
    expect(sumAmounts(t.byMonth.map((m) => m.amount))).toBe(t.total);
  });

  it('counts an empty name as no name, and keeps a name like __proto__ as a key', () => {
    const t = planTotals([
      { channel: '', costTotal: '1.00', startDate: '2025-01-01', endDate: '2025-01-01' },
      { channel: '__proto__', costTotal: '2.00', startDate: '2025-01-01', endDate: '2025-01-01' },
    ]);
    expect(Object.keys(t.byChannel)).toEqual(['(none)', '__proto__']);
    expect(t.byChannel['__proto__']).toBe('2.00');
  });

  it('totals an empty plan to zero', () => {
    expect(planTotals([])).toEqual({ total: '0.00', byChannel: {}, byPartner: {}, byMonth: [] });
  });

  it('names the line that cannot be spread', () => {
    expect(() => planTotals([...plan, { costTotal: '1.00', startDate: '2025-05-02', endDate: '2025-05-01' }])).toThrow(/^line 5: end 2025-05-01 is before start 2025-05-02$/);
    expect(() => planTotals([{ costTotal: '1.00', startDate: '2025-05-01', endDate: '2025-05-31', flighting: { type: 'monthly', weights: ['1', '1'] } }])).toThrow(/^line 1: monthly flighting needs 1 weight/);
  });
});

const name = fc.option(fc.constantFrom('TV', 'OLV', 'Radio', 'OOH', ''), { nil: undefined });
const line = fc
  .record({
    channel: fc.oneof(name, fc.constant(null)),
    partner: fc.oneof(name, fc.constant(null)),
    cost: fc.bigInt({ min: 0n, max: 10n ** 13n }),
    first: fc.integer({ min: dayOf('2024-01-01'), max: dayOf('2027-12-31') }),
    days: fc.integer({ min: 1, max: 400 }),
    front: fc.boolean(),
  })
  .chain((l) =>
    fc
      .array(fc.integer({ min: 0, max: 100 }), { minLength: Math.ceil(l.days / 7), maxLength: Math.ceil(l.days / 7) })
      .map((w): PlanLine => {
        const weekly: FlightingPattern | undefined = w.some((x) => x > 0) ? { type: 'weekly', weights: w.map(String) } : undefined;
        return {
          channel: l.channel,
          partner: l.partner,
          costTotal: fromMinor(l.cost),
          startDate: dateAt(l.first),
          endDate: dateAt(l.first + l.days - 1),
          flighting: l.front ? { type: 'front_loaded' } : weekly,
        };
      }),
  );

describe('plan totals, properties', () => {
  it('every breakdown sums exactly to the total, which is the sum of the lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const t = planTotals(lines);
        const total = sumOf(lines.map((l) => l.costTotal));
        expect(toMinor(t.total)).toBe(total);
        expect(sumOf(Object.values(t.byChannel))).toBe(total);
        expect(sumOf(Object.values(t.byPartner))).toBe(total);
        expect(sumOf(t.byMonth.map((m) => m.amount))).toBe(total);
      }),
    );
  });

  it('groups each line under its own channel, partner and months', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const t = planTotals(lines);
        for (const [channel, amount] of Object.entries(t.byChannel)) {
          expect(sumOf(lines.filter((l) => (l.channel || NO_GROUP) === channel).map((l) => l.costTotal))).toBe(toMinor(amount));
        }
        for (const [partner, amount] of Object.entries(t.byPartner)) {
          expect(sumOf(lines.filter((l) => (l.partner || NO_GROUP) === partner).map((l) => l.costTotal))).toBe(toMinor(amount));
        }
        const months = new Map<string, bigint>();
        for (const l of lines) {
          for (const m of byMonth(dailyAllocation(l.costTotal, l.startDate, l.endDate, l.flighting ?? undefined))) {
            months.set(m.month, (months.get(m.month) ?? 0n) + toMinor(m.amount));
          }
        }
        expect(t.byMonth).toEqual([...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, sum]) => ({ month, amount: fromMinor(sum) })));
      }),
    );
  });
});
