import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeBreakdown, netFromGross, type FeeInput } from './fees.js';
import { fromMinor, toMinor } from './money.js';

const amount = fc.bigInt({ min: 0n, max: 10n ** 13n });
const percentUpTo = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((p) => fromMinor(BigInt(p)));
const abs = (x: bigint) => (x < 0n ? -x : x);
const grossOf = (net: bigint, c: string, v: string) => toMinor(feeBreakdown({ net: fromMinor(net), agencyCommissionPercent: c, vatPercent: v }).grossIncVat);

describe('fee breakdown, worked examples in RUB', () => {
  it('adds agency commission on net, then 20 % Russian VAT on net + commission', () => {
    expect(feeBreakdown({ net: '1000000.00', agencyCommissionPercent: '10', vatPercent: '20' })).toEqual({
      net: '1000000.00',
      commission: '100000.00',
      grossExVat: '1100000.00',
      vat: '220000.00',
      grossIncVat: '1320000.00',
    });
  });

  it('rounds each step half-up to kopecks and still adds up', () => {
    // 123 456.78 × 12.5 % = 15 432.0975; 138 888.88 × 20 % = 27 777.776
    expect(feeBreakdown({ net: '123456.78', agencyCommissionPercent: '12.5', vatPercent: '20', commissionBase: 'net' })).toEqual({
      net: '123456.78',
      commission: '15432.10',
      grossExVat: '138888.88',
      vat: '27777.78',
      grossIncVat: '166666.66',
    });
    expect(feeBreakdown({ net: '50000', agencyCommissionPercent: '0', vatPercent: '20' }).grossIncVat).toBe('60000.00');
    expect(feeBreakdown({ net: '-1000.00', agencyCommissionPercent: '15', vatPercent: '20' }).grossIncVat).toBe('-1380.00');
  });

  it('refuses what it cannot compute', () => {
    expect(() => feeBreakdown({ net: '1.00', agencyCommissionPercent: '-1', vatPercent: '20' })).toThrow(/negative/);
    expect(() => feeBreakdown({ net: '1.001', agencyCommissionPercent: '10', vatPercent: '20' })).toThrow(/decimals/);
    expect(() => feeBreakdown({ net: '1.00', agencyCommissionPercent: '10', vatPercent: '20', commissionBase: 'gross' } as unknown as FeeInput)).toThrow(/commissionBase/);
  });
});

describe('net from gross, worked examples in RUB', () => {
  it('finds the net of a 1 000 000 RUB budget inc VAT at 15 % commission', () => {
    expect(netFromGross({ grossIncVat: '1000000.00', agencyCommissionPercent: '15', vatPercent: '20' })).toEqual({
      net: '724637.68',
      commission: '108695.65',
      grossExVat: '833333.33',
      vat: '166666.67',
      grossIncVat: '1000000.00',
      agencyCommissionPercent: '15',
      vatPercent: '20',
    });
    expect(netFromGross({ grossIncVat: '1320000', agencyCommissionPercent: '10', vatPercent: '20' }).net).toBe('1000000.00');
  });

  it('lands a kopeck off when no net reaches the gross exactly', () => {
    // net 724.63 → 999.98 and net 724.64 → 1 000.01: 1 000.00 is unreachable, 1 000.01 is nearer
    expect(feeBreakdown({ net: '724.63', agencyCommissionPercent: '15', vatPercent: '20' }).grossIncVat).toBe('999.98');
    const r = netFromGross({ grossIncVat: '1000.00', agencyCommissionPercent: '15', vatPercent: '20' });
    expect([r.net, r.grossIncVat]).toEqual(['724.64', '1000.01']);
  });

  it('mirrors a credit', () => {
    expect(netFromGross({ grossIncVat: '-1380.00', agencyCommissionPercent: '15', vatPercent: '20' }).net).toBe('-1000.00');
  });
});

describe('fees, properties', () => {
  it('keeps grossIncVat = net + commission + vat exactly, each step within half a kopeck', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), percentUpTo(999), percentUpTo(999), (net, c, v) => {
        const b = feeBreakdown({ net: fromMinor(net), agencyCommissionPercent: c, vatPercent: v });
        const [n, com, exVat, vat, inc] = [b.net, b.commission, b.grossExVat, b.vat, b.grossIncVat].map((x) => toMinor(x));
        expect(n).toBe(net);
        expect(exVat).toBe(n + com);
        expect(inc).toBe(n + com + vat);
        // percentages have 2 decimals, so exact amounts are integers of 10^-4 kopecks
        expect(2n * abs(com * 10_000n - n * toMinor(c))).toBeLessThanOrEqual(10_000n);
        expect(2n * abs(vat * 10_000n - exVat * toMinor(v))).toBeLessThanOrEqual(10_000n);
      }),
    );
  });

  it('reaches any gross to within 0.02 with commission and VAT up to 100 %, and picks the nearest net', () => {
    fc.assert(
      fc.property(amount, percentUpTo(100), percentUpTo(100), (gross, c, v) => {
        const r = netFromGross({ grossIncVat: fromMinor(gross), agencyCommissionPercent: c, vatPercent: v });
        const net = toMinor(r.net);
        const off = abs(toMinor(r.grossIncVat) - gross);
        expect(off).toBeLessThanOrEqual(2n);
        expect(abs(grossOf(net + 1n, c, v) - gross)).toBeGreaterThanOrEqual(off);
        if (net > 0n) expect(abs(grossOf(net - 1n, c, v) - gross)).toBeGreaterThanOrEqual(off);
        expect(feeBreakdown(r)).toEqual({ net: r.net, commission: r.commission, grossExVat: r.grossExVat, vat: r.vat, grossIncVat: r.grossIncVat });
      }),
    );
  });

  it('reaches any gross to within 0.01 with VAT up to 50 %', () => {
    fc.assert(
      fc.property(amount, percentUpTo(100), percentUpTo(50), (gross, c, v) => {
        const r = netFromGross({ grossIncVat: fromMinor(gross), agencyCommissionPercent: c, vatPercent: v });
        expect(abs(toMinor(r.grossIncVat) - gross)).toBeLessThanOrEqual(1n);
      }),
    );
  });

  it('finds the very net back from the gross it produced', () => {
    fc.assert(
      fc.property(amount, percentUpTo(999), percentUpTo(999), (net, c, v) => {
        const gross = feeBreakdown({ net: fromMinor(net), agencyCommissionPercent: c, vatPercent: v }).grossIncVat;
        expect(netFromGross({ grossIncVat: gross, agencyCommissionPercent: c, vatPercent: v }).net).toBe(fromMinor(net));
      }),
    );
  });

  it('treats a credit as the mirror of a debit', () => {
    fc.assert(
      fc.property(amount, percentUpTo(100), percentUpTo(100), (gross, c, v) => {
        const debit = netFromGross({ grossIncVat: fromMinor(gross), agencyCommissionPercent: c, vatPercent: v });
        const credit = netFromGross({ grossIncVat: fromMinor(-gross), agencyCommissionPercent: c, vatPercent: v });
        expect(toMinor(credit.net)).toBe(-toMinor(debit.net));
      }),
    );
  });
});
