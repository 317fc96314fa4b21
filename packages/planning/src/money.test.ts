import { describe, expect, it } from 'vitest';
import { fromMinor, normalizeAmount, sumAmounts, toMinor } from './money.js';

describe('money in minor units', () => {
  it('round-trips decimal strings', () => {
    expect(toMinor('1234.5')).toBe(123450n);
    expect(fromMinor(123450n)).toBe('1234.50');
    expect(fromMinor(5n)).toBe('0.05');
    expect(fromMinor(-5n)).toBe('-0.05');
    expect(normalizeAmount('1500000')).toBe('1500000.00');
  });

  it('adds ten thousand cents exactly where floats drift', () => {
    const cents = Array.from({ length: 10_000 }, () => '0.01');
    expect(sumAmounts(cents)).toBe('100.00');
    expect(cents.reduce((a, c) => a + Number(c), 0)).not.toBe(100);
  });

  it('refuses what is not an amount', () => {
    expect(() => toMinor('1e5')).toThrow(RangeError);
    expect(() => toMinor('1.234')).toThrow(/decimals/);
    expect(() => toMinor('')).toThrow(RangeError);
  });
});
