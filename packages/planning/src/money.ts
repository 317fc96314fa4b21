// Money is held as integer minor units (bigint) so sums never drift the way binary floats do.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "1234.5" with 2 decimals → 123450n. Throws on anything that is not a plain decimal. */
export function toMinor(amount: string, decimals = 2): bigint {
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > decimals) throw new RangeError(`more than ${decimals} decimals: ${amount}`);
  const minor = BigInt(whole + frac.padEnd(decimals, '0'));
  return sign ? -minor : minor;
}

/** 123450n with 2 decimals → "1234.50". */
export function fromMinor(minor: bigint, decimals = 2): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

/** Canonical form of a decimal amount: "1500000.5" → "1500000.50". */
export function normalizeAmount(amount: string, decimals = 2): string {
  return fromMinor(toMinor(amount, decimals), decimals);
}

export function sumAmounts(amounts: readonly string[], decimals = 2): string {
  return fromMinor(amounts.reduce((acc, a) => acc + toMinor(a, decimals), 0n), decimals);
}
