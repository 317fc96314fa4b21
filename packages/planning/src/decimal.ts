// Scaled-integer helpers shared by the planning maths. Rates, weights, counts and percentages are
// read from their decimal strings straight into bigints, so no value ever passes through a float.
// Internal to the package: the public surface speaks decimal strings only.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal read exactly: value = units / 10^scale, with trailing zeros of the fraction dropped. */
export interface Exact {
  units: bigint;
  scale: number;
}

/**
 * Reads any plain decimal exactly. Numbers are accepted for counts that arrive as JSON numbers;
 * their shortest round-trip spelling is what gets read, and exponent forms are refused.
 */
export function parseExact(value: string | number, what: string, allowNegative = false): Exact {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') throw new RangeError(`${what} must be a decimal string, got ${typeof value}`);
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new RangeError(`${what} must be a plain decimal such as "12.5", got ${JSON.stringify(value)}`);
  const [, sign, whole, rawFrac = ''] = m;
  const frac = rawFrac.replace(/0+$/, '');
  const magnitude = BigInt(whole + frac);
  if (sign && magnitude !== 0n && !allowNegative) throw new RangeError(`${what} must not be negative, got ${text}`);
  return { units: sign ? -magnitude : magnitude, scale: frac.length };
}

/** Reads a decimal as a count of 10^-scale; "245.500000" reads like "245.5", a 5th significant decimal throws. */
export function parseScaled(value: string | number, scale: number, what: string, allowNegative = false): bigint {
  const exact = parseExact(value, what, allowNegative);
  if (exact.scale > scale) throw new RangeError(`${what} allows at most ${scale} decimals, got ${String(value)}`);
  return exact.units * 10n ** BigInt(scale - exact.scale);
}

/** Reads several decimals at their common scale, so their ratios are exact. */
export function parseCommonScale(values: readonly string[], what: string): bigint[] {
  const exact = values.map((v, i) => parseExact(v, `${what}[${i}]`));
  const scale = Math.max(0, ...exact.map((e) => e.scale));
  return exact.map((e) => e.units * 10n ** BigInt(scale - e.scale));
}

/** n / d rounded half away from zero; d must be positive. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** n / d rounded towards minus infinity; d must be positive. */
export function divFloor(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d < 0n ? q - 1n : q;
}
