// What goes into a workbook cell: real numbers and dates (so the client can sum and filter), the
// format that shows them, valid sheet names, and totals that are formulas yet readable unrecalculated.
import type { CellValue } from 'exceljs';
import type { ColumnKind, ReportCell, ReportColumn, ReportLocale } from '../document.js';
import { currencySymbol, roundDecimal, toDecimalString } from './format.js';

const DATE_FORMAT: Record<ReportLocale, string> = { ru: 'dd.mm.yyyy', en: 'yyyy-mm-dd' };

export function numberFormat(column: ReportColumn, locale: ReportLocale): string | undefined {
  switch (column.kind) {
    case 'money': {
      const code = column.currency?.toUpperCase();
      if (!code) return '#,##0.00';
      const symbol = currencySymbol(code);
      return locale === 'en' && (code === 'USD' || code === 'EUR') ? `"${symbol}"#,##0.00` : `#,##0.00 "${symbol}"`;
    }
    case 'integer':
      return '#,##0';
    case 'decimal':
      return '#,##0.00##';
    case 'percent':
      return '0.0%';
    case 'date':
      return DATE_FORMAT[locale];
    default:
      return undefined;
  }
}

export function cellValue(value: ReportCell, kind: ColumnKind): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'text') return String(value);
  if (kind === 'date') {
    const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : String(value);
  }
  const text = toDecimalString(value);
  return text === null ? String(value) : Number(text);
}

const SCALE: Partial<Record<ColumnKind, number>> = { money: 2, integer: 0 };

/** Sums decimal strings exactly, at the column's scale, so a total to the kopeck is compared exactly. */
function exactSum(values: ReportCell[], scale: number): string {
  let units = 0n;
  for (const v of values) {
    const text = toDecimalString(v);
    if (text !== null) units += BigInt(roundDecimal(text, scale).replace('.', ''));
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  return `${negative ? '-' : ''}${scale ? `${whole}.${digits.slice(-scale)}` : whole}`;
}

/**
 * A totals cell: a SUM formula when the document's total is the sum of the column (a client who edits
 * a row sees the total follow), with that total cached so readers that never recalculate show it;
 * a plain value when it is something else (a percentage of totals, an average).
 */
export function totalsValue(total: ReportCell, column: ReportColumn, rows: ReportCell[], range: string | null): CellValue {
  const value = cellValue(total, column.kind);
  if (typeof value !== 'number' || !range || column.kind === 'percent' || column.kind === 'date') return value;
  const scale = SCALE[column.kind] ?? 4;
  const given = toDecimalString(total);
  if (given === null || roundDecimal(given, scale) !== exactSum(rows, scale)) return value;
  return { formula: `SUM(${range})`, result: value };
}

const FORBIDDEN = /[[\]:*?/\\]/g;

/** Excel refuses names over 31 characters, with []:*?/\, starting or ending with ', or repeated. */
export function sheetNamer(fallback: string): (wanted: string | undefined) => string {
  const used = new Set<string>();
  let n = 0;
  return (wanted) => {
    n++;
    let base = (wanted ?? '').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').replace(/^['\s]+|['\s]+$/g, '');
    if (!base || base.toLowerCase() === 'history') base = `${fallback} ${n}`;
    base = base.slice(0, 31).trim();
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - ` (${k})`.length).trim()} (${k})`;
    used.add(name.toLowerCase());
    return name;
  };
}
