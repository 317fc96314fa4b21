import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveRates } from './pricing.js';
import { feeBreakdown } from './fees.js';
import { fromMinor } from './money.js';
import { forecastAtEnd, microsToAmount, offPace, pacingPercent, plannedToDate } from './pacing.js';

describe('planned to date', () => {
  // 30 000.00 over the 30 days of June, evenly: 1 000.00 a day.
  const june = { costTotal: '30000.00', startDate: '2025-06-01', endDate: '2025-06-30' };
  it.each([
    ['2025-05-31', '0.00'], // before the flight
    ['2025-06-01', '1000.00'], // the first day counts
    ['2025-06-10', '10000.00'],
    ['2025-06-30', '30000.00'],
    ['2025-07-15', '30000.00'], // after the end: the whole cost
  ])('even June line as of %s → %s', (asOf, want) => expect(plannedToDate(june, asOf)).toBe(want));

  it('follows the flighting: weekly weights 3 and 1 over 14 days', () => {
    // 8 000.00 → block 1 gets 6 000.00 (857.14… a day), block 2 gets 2 000.00.
    const line = { costTotal: '8000.00', startDate: '2025-06-02', endDate: '2025-06-15', flighting: { type: 'weekly' as const, weights: ['3', '1'] } };
    expect(plannedToDate(line, '2025-06-08')).toBe('6000.00');
    expect(plannedToDate(line, '2025-06-15')).toBe('8000.00');
    // 100.00 over 3 days: 33.34, 33.33, 33.33 (the extra kopeck goes to the earliest day).
    expect(plannedToDate({ costTotal: '100.00', startDate: '2025-01-01', endDate: '2025-01-03' }, '2025-01-01')).toBe('33.34');
  });

  it('never exceeds the cost and reaches it on the last day', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: -5, max: 130 }), (minor, days, k) => {
        const start = '2025-01-01';
        const end = new Date(Date.UTC(2025, 0, days)).toISOString().slice(0, 10);
        const asOf = new Date(Date.UTC(2025, 0, 1 + k)).toISOString().slice(0, 10);
        const line = { costTotal: fromMinor(minor), startDate: start, endDate: end };
        const p = BigInt(plannedToDate(line, asOf).replace('.', ''));
        expect(p <= minor).toBe(true);
        if (asOf >= end) expect(p).toBe(minor);
      }),
    );
  });
});

describe('pacing %', () => {
  it.each([
    ['10000.00', '10000.00', '100.00'],
    ['12500.00', '10000.00', '125.00'],
    ['7000.00', '10000.00', '70.00'],
    ['1.00', '3.00', '33.33'], // 33.333… rounds down
    ['2.00', '3.00', '66.67'], // 66.666… rounds up
    ['0.00', '10.00', '0.00'],
  ])('%s spent of %s planned → %s %%', (actual, planned, want) => expect(pacingPercent(actual, planned)).toBe(want));

  it('says nothing against zero planned', () => expect(pacingPercent('5.00', '0.00')).toBeNull());

  it('off pace means strictly more than the threshold away from 100', () => {
    expect(offPace('120.00', '20')).toBe(false);
    expect(offPace('120.01', '20')).toBe(true);
    expect(offPace('79.99', '20')).toBe(true);
    expect(offPace('80.00', '20')).toBe(false);
    expect(offPace(null, '20')).toBe(false);
  });
});

describe('forecast at the end of the flight', () => {
  const flight = { startDate: '2025-06-01', endDate: '2025-06-30' };
  const days = (from: number, to: number, amount: (d: number) => string) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ date: `2025-06-${String(from + i).padStart(2, '0')}`, amount: amount(from + i) }));

  it('actual to date + remaining days × the average of the last 7 days', () => {
    // 1–10 June: 500.00 a day on days 1–3, then 1 000.00 a day: actual 8 500.00.
    // Run-rate over 4–10 June: 7 000.00 / 7 = 1 000.00; 20 days remain → 8 500 + 20 000 = 28 500.00.
    const f = forecastAtEnd({ ...flight, asOf: '2025-06-10', dailyActuals: days(1, 10, (d) => (d <= 3 ? '500.00' : '1000.00')) });
    expect(f).toEqual({ actualToDate: '8500.00', runRate: '1000.00', runRateFrom: '2025-06-04', runRateTo: '2025-06-10', remainingDays: 20, atEndOfFlight: '28500.00' });
  });

  it('averages fewer days early in the flight, counts missing days as zero, ignores days after asOf', () => {
    // As of 3 June: 300.00 + (nothing on the 2nd) + 600.00 = 900.00 over 3 days = 300.00 a day; 27 days remain.
    const f = forecastAtEnd({ ...flight, asOf: '2025-06-03', dailyActuals: [{ date: '2025-06-01', amount: '300.00' }, { date: '2025-06-03', amount: '600.00' }, { date: '2025-06-04', amount: '99999.00' }] });
    expect(f).toMatchObject({ actualToDate: '900.00', runRate: '300.00', remainingDays: 27, atEndOfFlight: '9000.00' });
  });

  it('rounds the run-rate to kopecks before multiplying', () => {
    // 100.00 over 7 days = 14.2857… → 14.29 a day; 23 days remain: 100.00 + 328.67 = 428.67.
    const f = forecastAtEnd({ ...flight, asOf: '2025-06-07', dailyActuals: [{ date: '2025-06-05', amount: '100.00' }] });
    expect(f).toMatchObject({ runRate: '14.29', remainingDays: 23, atEndOfFlight: '428.67' });
  });

  it('is the actual once the flight is over, and null before it starts', () => {
    expect(forecastAtEnd({ ...flight, asOf: '2025-07-20', dailyActuals: days(1, 30, () => '10.00') })).toMatchObject({ actualToDate: '300.00', remainingDays: 0, atEndOfFlight: '300.00', runRateTo: '2025-06-30' });
    expect(forecastAtEnd({ ...flight, asOf: '2025-05-31', dailyActuals: [] })).toBeNull();
  });
});

describe('rates and fees on actuals', () => {
  it('CPM, CPC and CPA of actual cost, net and gross', () => {
    // 12 345.67 for 1 234 567 impressions: 12 345.67 × 1000 / 1 234 567 = 9.99999… → 10.0000;
    // 4 321 clicks: 2.85713… → 2.8571; 37 conversions: 333.666756… → 333.6668.
    expect(effectiveRates('12345.67', { impressions: 1234567, clicks: 4321, conversions: 37 })).toMatchObject({ cpm: '10.0000', cpc: '2.8571', cpa: '333.6668' });
    // Net media 10 000.00, 15 % commission, 20 % VAT: 1 500.00 + 2 300.00 → 13 800.00 gross.
    expect(feeBreakdown({ net: '10000.00', agencyCommissionPercent: '15', vatPercent: '20' })).toMatchObject({ grossExVat: '11500.00', vat: '2300.00', grossIncVat: '13800.00' });
  });

  it('micros become kopecks half-up', () => {
    expect(microsToAmount(1_234_560_000)).toBe('1234.56');
    expect(microsToAmount(5_000)).toBe('0.01');
    expect(microsToAmount(4_999)).toBe('0.00');
    expect(microsToAmount(0)).toBe('0.00');
  });
});
