// Decimal text handling for imports. Values are kept as decimal strings end to end; a JSON or Excel
// number is read through its shortest round-trip spelling, so 0.1 + 0.2 arrives as "0.30", not as
// the binary float's long tail.

const PLAIN = /^(-)?(\d*)(?:\.(\d*))?$/;

/** A plain decimal rounded half away from zero to `scale` decimals, always spelled with them all. */
export function roundDecimal(text: string, scale: number): string {
  const m = PLAIN.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign, whole = '', frac = ''] = m;
  let units = BigInt((whole || '0') + frac.slice(0, scale).padEnd(scale, '0'));
  if (frac.length > scale && frac[scale] >= '5') units += 1n;
  const digits = units.toString().padStart(scale + 1, '0');
  const body = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return sign && units !== 0n ? `-${body}` : body;
}

/** Trailing fractional zeros dropped: "1.0800" → "1.08", "5.00" → "5". */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A finite number as a plain decimal with `scale` decimals; exponent spellings are expanded. */
export function numberToDecimal(n: number, scale: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  let text = String(n);
  if (/e/i.test(text)) {
    if (Math.abs(n) >= 1e21) throw new RangeError(`number too large: ${n}`);
    text = n.toFixed(Math.min(100, Math.max(scale + 1, 20)));
  }
  return roundDecimal(text, scale);
}

const SPACES = /[\s\u00a0\u2007\u202f'’]/g;
const CURRENCY = /(₽|руб\.?|р\.|rub|rur|usd|eur|\$|€|£)/giu;

/**
 * Reads a number as planners type it: "1 234 567,50", "1,234,567.50", "1.234.567,50", "12,5",
 * "(1 000)" or "−5". A lone comma followed by exactly three digits after a non-zero group is read
 * as a thousands separator ("1,234" = 1234), any other lone comma as the decimal mark.
 * Returns the plain decimal text, or null when the text is not a number.
 */
export function parseLocaleNumber(raw: string): string | null {
  let text = raw.replace(CURRENCY, '').replace(SPACES, '').replace(/[−–]/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const commas = text.split(',').length - 1;
  const dots = text.split('.').length - 1;
  let normal: string;
  if (commas && dots) {
    const decimalMark = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const thousands = decimalMark === ',' ? '.' : ',';
    if (text.split(decimalMark).length - 1 > 1) return null;
    normal = text.split(thousands).join('').replace(',', '.');
  } else if (commas > 1 || dots > 1) {
    const mark = commas > 1 ? ',' : '.';
    if (!/^\d{1,3}([.,]\d{3})+$/.test(text)) return null;
    normal = text.split(mark).join('');
  } else if (commas === 1) {
    normal = /^[1-9]\d{0,2},\d{3}$/.test(text) ? text.replace(',', '') : text.replace(',', '.');
  } else normal = text;
  if (!/^\d*\.?\d*$/.test(normal) || normal === '.') return null;
  if (normal.startsWith('.')) normal = `0${normal}`;
  if (normal.endsWith('.')) normal = normal.slice(0, -1);
  return negative && /[1-9]/.test(normal) ? `-${normal}` : normal;
}
