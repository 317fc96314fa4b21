// How values are written as text in the PDF and the CSV. Money arrives as decimal strings and is
// rounded and grouped as a string, so amounts in the billions keep their kopecks.
import type { ColumnKind, ReportCell, ReportColumn, ReportLocale } from '../document.js';

/** Russian groups thousands with a no-break space, which also keeps an amount on one line. */
export const NBSP = '\u00a0';

const SYMBOLS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€' };
// English puts these before the amount; the rest (₽, ISO codes) follow it in both languages.
const PREFIXED = new Set(['USD', 'EUR']);

export function currencySymbol(code: string | undefined): string {
  if (!code) return '';
  return SYMBOLS[code.toUpperCase()] ?? code.toUpperCase();
}

const PLAIN = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** A finite number or decimal string as a plain decimal string (no exponent), or null. */
export function toDecimalString(value: ReportCell): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const s = String(value);
    return /e/i.test(s) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
  }
  const s = value.trim().replace(',', '.');
  const m = PLAIN.exec(s);
  if (!m || (m[2] === '' && !m[3])) {
    const n = Number(s);
    return Number.isFinite(n) ? toDecimalString(n) : null;
  }
  return s;
}

/** Rounds half away from zero to `scale` digits: "-0.125" at 2 → "-0.13". */
export function roundDecimal(text: string, scale: number): string {
  const [, sign = '', int = '', frac = ''] = PLAIN.exec(text) ?? [];
  const kept = (frac + '0'.repeat(scale)).slice(0, scale);
  let units = BigInt((int || '0') + kept);
  if ((frac[scale] ?? '0') >= '5') units += 1n;
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const out = scale > 0 ? `${whole}.${digits.slice(-scale)}` : whole;
  return sign === '-' && /[1-9]/.test(digits) ? `-${out}` : out;
}

/** Moves the decimal point two places right: the fraction 0.125 as the percentage "12.5". */
export function shiftPercent(text: string): string {
  const [, sign = '', int = '', frac = ''] = PLAIN.exec(text) ?? [];
  const f = frac.padEnd(2, '0');
  const whole = (int + f.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = f.slice(2);
  return `${sign === '-' ? '-' : ''}${whole || '0'}${rest ? `.${rest}` : ''}`;
}

export function trimZeros(text: string, keep = 0): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + keep && text[end - 1] === '0') end--;
  return text.slice(0, end === dot + 1 ? dot : end);
}

function localize(text: string, locale: ReportLocale, group: boolean): string {
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const sep = locale === 'ru' ? NBSP : ',';
  const grouped = group ? int.replace(/\B(?=(\d{3})+$)/g, sep) : int;
  const point = locale === 'ru' ? ',' : '.';
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? point + frac : ''}`;
}

/** The digits shown for a numeric kind, still with a '.' point and no grouping. */
function digitsFor(kind: ColumnKind, text: string, precise: boolean): string {
  switch (kind) {
    case 'money':
      return roundDecimal(text, 2);
    case 'integer':
      return roundDecimal(text, 0);
    case 'percent':
      return precise ? trimZeros(roundDecimal(shiftPercent(text), 4)) : roundDecimal(shiftPercent(text), 1);
    default:
      return trimZeros(roundDecimal(text, 4), 2);
  }
}

/** A date given as YYYY-MM-DD: ru DD.MM.YYYY, en unchanged. Anything else is shown as it came. */
export function formatDate(value: string, locale: ReportLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return locale === 'ru' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** The moment a report was made, in UTC and saying so: the reader may be in any time zone. */
export function formatTimestamp(at: Date, locale: ReportLocale): string {
  const iso = at.toISOString();
  return `${formatDate(iso.slice(0, 10), locale)} ${iso.slice(11, 16)} UTC`;
}

export function formatMoney(value: ReportCell, currency: string | undefined, locale: ReportLocale): string {
  const text = toDecimalString(value);
  if (text === null) return value === null ? '' : String(value);
  const amount = localize(roundDecimal(text, 2), locale, true);
  const code = currency?.toUpperCase();
  const symbol = currencySymbol(code);
  if (!symbol) return amount;
  if (locale === 'en' && code && PREFIXED.has(code)) {
    return amount.startsWith('-') ? `-${symbol}${amount.slice(1)}` : `${symbol}${amount}`;
  }
  return `${amount}${NBSP}${symbol}`;
}

/**
 * A cell for reading (PDF): grouped thousands, money with two decimals and no symbol (the column
 * header carries it, see columnHeader), percent with one decimal.
 */
export function formatCell(value: ReportCell, column: Pick<ReportColumn, 'kind'>, locale: ReportLocale): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'text') return String(value);
  if (column.kind === 'date') return typeof value === 'string' ? formatDate(value, locale) : String(value);
  const text = toDecimalString(value);
  if (text === null) return String(value);
  const shown = localize(digitsFor(column.kind, text, false), locale, true);
  if (column.kind !== 'percent') return shown;
  return locale === 'ru' ? `${shown}${NBSP}%` : `${shown}%`;
}

/**
 * A cell for a spreadsheet to parse (CSV): the locale's decimal mark, no grouping, no currency;
 * percent keeps its sign so Excel reads "12,5%" as 0.125.
 */
export function formatPlainCell(value: ReportCell, column: Pick<ReportColumn, 'kind'>, locale: ReportLocale): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'text') return String(value);
  if (column.kind === 'date') return typeof value === 'string' ? formatDate(value, locale) : String(value);
  const text = toDecimalString(value);
  if (text === null) return String(value);
  const shown = localize(digitsFor(column.kind, text, true), locale, false);
  return column.kind === 'percent' ? `${shown}%` : shown;
}

/** "Бюджет" → "Бюджет, ₽" for money columns, unless the builder already named the currency. */
export function columnHeader(column: ReportColumn): string {
  if (column.kind !== 'money' || !column.currency) return column.label;
  const symbol = currencySymbol(column.currency);
  const code = column.currency.toUpperCase();
  if (column.label.includes(symbol) || column.label.toUpperCase().includes(code)) return column.label;
  return `${column.label}, ${symbol}`;
}

export const isNumeric = (kind: ColumnKind): boolean => kind !== 'text' && kind !== 'date';
