import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divFloor, divHalfUp, parseCommonScale, parseExact, parseScaled } from './decimal.js';

describe('reading decimals exactly', () => {
  it('reads rates, counts and percentages without floats', () => {
    expect(parseScaled('245.5', 4, 'rate')).toBe(2455000n);
    expect(parseScaled('245.500000', 4, 'rate')).toBe(2455000n);
    expect(parseScaled(1_000_000, 0, 'impressions')).toBe(1_000_000n);
    expect(parseExact('12.50', 'vat')).toEqual({ units: 125n, scale: 1 });
    expect(parseCommonScale(['1', '0.5', '2.25'], 'w')).toEqual([100n, 50n, 225n]);
  });

  it('refuses what a planner did not mean', () => {
    expect(() => parseScaled('245.12345', 4, 'rate')).toThrow(/at most 4 decimals/);
    expect(() => parseScaled('-1', 2, 'cost')).toThrow(/negative/);
    expect(parseScaled('-1', 2, 'cost', true)).toBe(-100n);
    expect(() => parseExact('1e6', 'impressions')).toThrow(RangeError);
    expect(() => parseExact(1e21, 'impressions')).toThrow(RangeError);
    expect(() => parseExact(Number.NaN, 'clicks')).toThrow(RangeError);
    expect(() => parseExact('', 'rate')).toThrow(RangeError);
  });

  it('rounds half away from zero', () => {
    expect(divHalfUp(5n, 10n)).toBe(1n);
    expect(divHalfUp(-5n, 10n)).toBe(-1n);
    expect(divHalfUp(4n, 10n)).toBe(0n);
    expect(divHalfUp(-15n, 10n)).toBe(-2n);
    expect(divFloor(-1n, 10n)).toBe(-1n);
  });

  it('divHalfUp is the nearest integer, .5 going away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), (n, d) => {
        const q = divHalfUp(n, d);
        const twiceError = 2n * (n - q * d); // 2·(n/d − q)·d
        expect(twiceError <= d && twiceError >= -d).toBe(true);
        if (twiceError === d) expect(n < 0n).toBe(true);
        if (twiceError === -d) expect(n > 0n).toBe(true);
      }),
    );
  });

  it('divFloor is the floor', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), (n, d) => {
        const q = divFloor(n, d);
        expect(q * d <= n && n < (q + 1n) * d).toBe(true);
      }),
    );
  });
});
