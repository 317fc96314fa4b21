import type { CellValue } from 'exceljs';
import { PRICING_MODELS } from '@mrm/contracts';
import { SCALE, isPlainObject, type FieldKind } from './fields.js';
import { numberToDecimal, parseLocaleNumber, roundDecimal, trimDecimal } from './numbers.js';

export type Plain = string | number | boolean | Date | null;

export interface CellRead {
  value: Plain;
  /** The cell holds a formula (its cached result is the value). */
  formula: boolean;
  /** An Excel error such as #DIV/0! in place of a value. */
  error?: string;
}

/** A cell as one plain value: rich text joined, a hyperlink's text, a formula's cached result. */
export function readCell(v: CellValue | undefined, formula = false): CellRead {
  if (v === null || v === undefined) return { value: null, formula };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { value: v, formula };
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return { value: (o.richText as Array<{ text: string }>).map((r) => r.text).join(''), formula };
  if ('formula' in o || 'sharedFormula' in o) return readCell(o.result as CellValue, true);
  if (typeof o.error === 'string') return { value: null, formula, error: o.error };
  if ('text' in o) return readCell(o.text as CellValue, formula);
  return { value: null, formula };
}

export const isBlank = (v: Plain) => v === null || (typeof v === 'string' && v.trim() === '');

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 once its phantom 29 February 1900 is passed, which all real plans are.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function ymd(y: number, m: number, d: number): string | null {
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (y < 1900 || y > 2999 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 401768) return null;
  return new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date from a date cell, an Excel serial, yyyy-mm-dd or dd.mm.yyyy (dd.mm.yy means 20yy). */
export function parseDate(v: Plain): string | null {
  // Excel serials carry no zone and exceljs reads them as UTC, so the UTC calendar day is the one typed.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return fromSerial(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s*г\.?)?(?:\s+[\d:]+)?$/.exec(t);
  if (m) return ymd(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
  if (/^\d{5}$/.test(t)) return fromSerial(Number(t));
  return null;
}

function decimalOf(v: Plain): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? numberToDecimal(v, 10) : null;
  return typeof v === 'string' ? parseLocaleNumber(v) : null;
}

const describe = (v: Plain) => (v instanceof Date ? v.toISOString().slice(0, 10) : JSON.stringify(v));

const CURRENCY_WORDS: Record<string, string> = { '₽': 'RUB', руб: 'RUB', 'руб.': 'RUB', рубли: 'RUB', рубль: 'RUB', 'р.': 'RUB', $: 'USD', '€': 'EUR', '£': 'GBP', '₸': 'KZT', тенге: 'KZT' };

const PRICING_WORDS: Record<string, string> = {
  ...Object.fromEntries(PRICING_MODELS.map((p) => [p.replace('_', ''), p])),
  flat: 'flat_rate',
  fixed: 'flat_rate',
  fix: 'flat_rate',
  flatfee: 'flat_rate',
  фикс: 'flat_rate',
  фиксированная: 'flat_rate',
  фиксированнаяставка: 'flat_rate',
  фиксированнаястоимость: 'flat_rate',
  фиксированнаяцена: 'flat_rate',
  пакет: 'flat_rate',
};

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, да: true, нет: false, истина: true, ложь: false, '1': true, '0': false };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function textOf(v: Plain): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return trimDecimal(numberToDecimal(v, 10));
  return String(v).trim();
}

/** One non-blank cell read as a value of the given kind, or the reason it cannot be. */
export function parseCell(kind: FieldKind | 'uuid', v: Plain): Parsed {
  switch (kind) {
    case 'text':
      return ok(textOf(v));
    case 'date': {
      const date = parseDate(v);
      return date ? ok(date) : fail(`${describe(v)} is not a date: use dd.mm.yyyy or yyyy-mm-dd`);
    }
    case 'money':
    case 'rate':
    case 'units':
    case 'exchange':
    case 'metric': {
      const d = decimalOf(v);
      if (d === null) return fail(`${describe(v)} is not a number`);
      if (d.startsWith('-')) return fail(`must not be negative, got ${describe(v)}`);
      if (kind === 'metric') return ok(Number(d));
      const rounded = roundDecimal(d, SCALE[kind]!);
      return ok(kind === 'exchange' ? trimDecimal(rounded) : rounded);
    }
    case 'currency': {
      const t = textOf(v);
      const code = CURRENCY_WORDS[t.toLowerCase()] ?? t.toUpperCase();
      return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`${describe(v)} is not a currency code such as RUB, USD, EUR`);
    }
    case 'pricing': {
      const p = PRICING_WORDS[textOf(v).toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '')];
      return p ? ok(p) : fail(`${describe(v)} is not a pricing model: CPM, CPC, CPCV, CPV, CPA, CPL, CPP or flat rate (Фикс)`);
    }
    case 'bool': {
      const b = typeof v === 'boolean' ? v : BOOLEAN_WORDS[textOf(v).toLowerCase()];
      return b === undefined ? fail(`${describe(v)} is not yes or no`) : ok(b);
    }
    case 'list': {
      const t = textOf(v);
      if (!t.startsWith('[')) return ok(t.split(/[;\n]/).map((s) => s.trim()).filter(Boolean));
      try {
        const list: unknown = JSON.parse(t);
        if (Array.isArray(list) && list.every((s) => typeof s === 'string')) return ok(list);
      } catch {
        // reported below
      }
      return fail('is neither a list separated by semicolons nor a JSON array of strings');
    }
    case 'json': {
      try {
        const obj: unknown = JSON.parse(textOf(v));
        if (isPlainObject(obj)) return ok(obj);
      } catch {
        // reported below
      }
      return fail('is not a JSON object');
    }
    case 'uuid': {
      const t = textOf(v);
      return UUID.test(t) ? ok(t.toLowerCase()) : fail(`${describe(v)} is not a line id (UUID)`);
    }
  }
}
