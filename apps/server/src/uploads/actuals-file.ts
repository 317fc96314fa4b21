// An uploaded actuals file read into daily rows: the header is found among the first rows, every
// data row under it is checked against the mapping, and rows of the same campaign, ad group and day
// are added up (a file split by region or by ad would otherwise keep only its last row, since the
// analytics store keeps one row per key).
import type { ActualField } from '@mrm/contracts';
import { isBlank, parseCell, parseDate, type CellRead, type Plain } from '../plans/io/cells.js';
import { normaliseHeader } from '../plans/io/columns.js';
import { gridFromCsv, gridsFromXlsx, headerText, type GridRow } from '../plans/io/grid.js';
import { numberToDecimal, parseLocaleNumber, roundDecimal, trimDecimal } from '../plans/io/numbers.js';
import { guessActualField, SUMMARY_LABEL } from './actual-columns.js';

export type UploadFormat = 'csv' | 'xlsx';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ActualsSheet {
  headerRow: number;
  /** Header texts, unique: a blank header is named by its column letter, a repeated one gets " (2)". */
  columns: string[];
  /** Data rows under the header, blank ones left out. */
  rows: GridRow[];
}

export interface ActualRow {
  accountId: string;
  campaignId: string;
  campaignName: string;
  adGroupId: string;
  date: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  videoViews: number;
  revenueMicros: number;
  currency: string;
}

const HEADER_SEARCH_ROWS = 50;
const MAX_COLUMNS = 200;
const MAX_ERRORS = 100;
const PREVIEW_ROWS = 20;
// Platforms write a dash for "none" (Google Ads: "--"); it counts as zero like an empty cell.
const DASH = /^[-–—]{1,2}$/;

const cellAt = (row: GridRow, i: number): CellRead => row.cells[i] ?? { value: null, formula: false };
const blank = (c: CellRead) => isBlank(c.value) && !c.error;

function letter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The row among the first ones whose cells name the most distinct fields; null when none names any. */
function findHeader(grid: GridRow[]): { at: number; score: number } | null {
  let best: { at: number; score: number } | null = null;
  for (let at = 0; at < Math.min(grid.length, HEADER_SEARCH_ROWS); at++) {
    const fields = new Set(grid[at].cells.map((c) => guessActualField(headerText(c))).filter(Boolean));
    if (fields.size > 0 && fields.size > (best?.score ?? 0)) best = { at, score: fields.size };
  }
  return best;
}

function sheetFrom(grid: GridRow[], at: number): ActualsSheet | string {
  const rows = grid.slice(at + 1).filter((r) => r.cells.some((c) => !blank(c)));
  const width = Math.max(...[grid[at], ...rows].map((r) => r.cells.reduce((w, c, i) => (blank(c) ? w : i + 1), 0)));
  if (width > MAX_COLUMNS) return `the file has ${width} columns; at most ${MAX_COLUMNS} can be read`;
  const seen = new Map<string, number>();
  const columns = Array.from({ length: width }, (_, i) => {
    const text = headerText(cellAt(grid[at], i)).replace(/\s+/g, ' ').slice(0, 200) || letter(i);
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return n === 1 ? text : `${text} (${n})`;
  });
  return { headerRow: grid[at].number, columns, rows };
}

/**
 * The sheet of a file with its header and data rows, or why it cannot be read. Of a workbook's
 * visible sheets the one whose header names the most fields is taken; when no row names any, the
 * first non-blank row is taken as the header, for the columns to be mapped by hand.
 */
export async function readActualsFile(bytes: Uint8Array, format: UploadFormat): Promise<ActualsSheet | string> {
  const source = format === 'csv' ? gridFromCsv(bytes, { windows1251: true }) : await gridsFromXlsx(bytes);
  if (typeof source === 'string') return source;
  const grids = format === 'csv' ? [source as GridRow[]] : (source as GridRow[][]);
  let chosen: { grid: GridRow[]; at: number; score: number } | null = null;
  for (const grid of grids) {
    const h = findHeader(grid);
    if (h && h.score > (chosen?.score ?? 0)) chosen = { grid, ...h };
  }
  if (!chosen) {
    for (const grid of grids) {
      const at = grid.findIndex((r) => r.cells.some((c) => !blank(c)));
      if (at >= 0) {
        chosen = { grid, at, score: 0 };
        break;
      }
    }
  }
  if (!chosen) return 'the file is empty';
  return sheetFrom(chosen.grid, chosen.at);
}

function text(v: Plain): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isFinite(v) ? trimDecimal(numberToDecimal(v, 10)) : '';
  return String(v).trim();
}

/** The first data rows as the planner would read them, for choosing the mapping. */
export function previewOf(sheet: ActualsSheet): string[][] {
  return sheet.rows.slice(0, PREVIEW_ROWS).map((r) => sheet.columns.map((_, i) => text(cellAt(r, i).value)));
}

type Fail = (message: string) => null;

function decimal(v: Plain, fail: Fail): string | null {
  const d = typeof v === 'number' ? (Number.isFinite(v) ? numberToDecimal(v, 10) : null) : parseLocaleNumber(text(v));
  if (d === null) return fail(`${JSON.stringify(text(v))} is not a number`);
  if (d.startsWith('-')) return fail(`must not be negative, got ${text(v)}`);
  return d;
}

function count(v: Plain, fail: Fail): number | null {
  const d = decimal(v, fail);
  if (d === null) return null;
  if (/\.\d*[1-9]/.test(d)) return fail(`${text(v)} is not a whole number`);
  const n = Number(d.split('.')[0] || '0');
  return Number.isSafeInteger(n) ? n : fail(`${text(v)} is too large`);
}

/** Money as millionths of the currency unit, rounded half up. */
function micros(v: Plain, fail: Fail): number | null {
  const d = decimal(v, fail);
  if (d === null) return null;
  const n = Number(roundDecimal(d, 6).replace('.', ''));
  return Number.isSafeInteger(n) ? n : fail(`${text(v)} is too large`);
}

export interface ReadOptions {
  /** Header → field; '' leaves a column out. */
  mapping: Record<string, ActualField | ''>;
  /** For rows whose currency is not in the file. */
  currency?: string;
  /** For rows whose account is not in the file. */
  accountId: string;
}

export interface ReadResult {
  rows: ActualRow[];
  errors: RowError[];
}

/** Which field each column holds; a field in two columns is refused (which one counts would be a guess). */
export function checkMapping(columns: readonly string[], mapping: Record<string, ActualField | ''>, currency?: string): RowError[] {
  const errors: RowError[] = [];
  const byField = new Map<ActualField, string>();
  for (const header of columns) {
    const field = mapping[header];
    if (!field) continue;
    const other = byField.get(field);
    if (other !== undefined) errors.push({ row: 0, field: `mapping.${header}`, message: `${field} is already the column "${other}"` });
    else byField.set(field, header);
  }
  if (!byField.has('date')) errors.push({ row: 0, field: 'mapping', message: 'no column is mapped to date' });
  if (!byField.has('campaignId') && !byField.has('campaignName')) errors.push({ row: 0, field: 'mapping', message: 'no column is mapped to campaignId or campaignName' });
  if (!['impressions', 'clicks', 'cost', 'conversions', 'videoViews', 'revenue'].some((f) => byField.has(f as ActualField))) {
    errors.push({ row: 0, field: 'mapping', message: 'no column is mapped to a figure (impressions, clicks, cost, conversions, videoViews or revenue)' });
  }
  if (!byField.has('currency') && !currency) errors.push({ row: 0, field: 'currency', message: 'the file has no currency column: give the currency of its amounts' });
  return errors;
}

const keyOf = (r: ActualRow) => `${r.accountId}\u0000${r.campaignId}\u0000${r.adGroupId}\u0000${r.date}`;

/**
 * Every data row read with the mapping into daily rows, or every problem with its row and column.
 * All or nothing: rows come back only when there is no error.
 */
export function readActuals(sheet: ActualsSheet, opts: ReadOptions): ReadResult {
  const errors = checkMapping(sheet.columns, opts.mapping, opts.currency);
  if (errors.length) return { rows: [], errors };
  const index = new Map<ActualField, number>();
  sheet.columns.forEach((h, i) => {
    const f = opts.mapping[h];
    if (f) index.set(f, i);
  });
  const merged = new Map<string, ActualRow & { firstRow: number }>();
  let more = 0;
  const push = (e: RowError) => (errors.length < MAX_ERRORS ? errors.push(e) : more++);

  for (const row of sheet.rows) {
    const get = (f: ActualField): Plain => {
      const i = index.get(f);
      if (i === undefined) return null;
      const v = cellAt(row, i).value;
      return typeof v === 'string' && DASH.test(v.trim()) ? null : v;
    };
    const header = (f: ActualField) => sheet.columns[index.get(f)!];
    const mapped = [...index.keys()];
    if (mapped.every((f) => isBlank(get(f)) && !cellAt(row, index.get(f)!).error)) continue;
    const before = errors.length + more;
    for (const f of mapped) {
      const err = cellAt(row, index.get(f)!).error;
      if (err) push({ row: row.number, field: header(f), message: `holds the spreadsheet error ${err}` });
    }
    if (errors.length + more > before) continue;

    const rawDate = get('date');
    const labels = (['date', 'campaignName', 'campaignId', 'accountId'] as const).map((f) => normaliseHeader(text(get(f))));
    if ((isBlank(rawDate) || typeof rawDate === 'string') && labels.some((l) => SUMMARY_LABEL.test(l)) && !parseDate(rawDate)) continue;
    if (isBlank(rawDate)) {
      push({ row: row.number, field: header('date'), message: 'is required' });
      continue;
    }
    const fail = (f: ActualField) => (message: string) => {
      push({ row: row.number, field: header(f), message });
      return null;
    };
    const date = parseDate(rawDate);
    if (!date) fail('date')(`${JSON.stringify(text(rawDate))} is not a date: use dd.mm.yyyy or yyyy-mm-dd`);
    const campaignName = text(get('campaignName'));
    const campaignId = text(get('campaignId')) || campaignName;
    if (!campaignId) fail(index.has('campaignId') ? 'campaignId' : 'campaignName')('is required');
    else if (campaignId.length > 200) fail(index.has('campaignId') ? 'campaignId' : 'campaignName')('is longer than 200 characters');
    const accountId = text(get('accountId')) || opts.accountId;
    if (accountId.length > 100) fail('accountId')('is longer than 100 characters');
    const adGroupId = text(get('adGroupId'));
    if (adGroupId.length > 200) fail('adGroupId')('is longer than 200 characters');
    const num = <T>(f: ActualField, read: (v: Plain, fail: Fail) => T | null, zero: T): T | null => (isBlank(get(f)) ? zero : read(get(f), fail(f)));
    const impressions = num('impressions', count, 0);
    const clicks = num('clicks', count, 0);
    const videoViews = num('videoViews', count, 0);
    const costMicros = num('cost', micros, 0);
    const revenueMicros = num('revenue', micros, 0);
    const conversions = num('conversions', (v, f) => {
      const d = decimal(v, f);
      return d === null ? null : Number(roundDecimal(d, 4));
    }, 0);
    let currency = opts.currency ?? null;
    if (!isBlank(get('currency'))) {
      const parsed = parseCell('currency', get('currency'));
      if (parsed.ok) currency = parsed.value as string;
      else fail('currency')(parsed.message);
    } else if (!currency) fail('currency')('is required (no currency was given for blank cells)');
    if (errors.length + more > before) continue;

    const r = { accountId, campaignId, campaignName, adGroupId, date: date!, impressions: impressions!, clicks: clicks!, costMicros: costMicros!, conversions: conversions!, videoViews: videoViews!, revenueMicros: revenueMicros!, currency: currency!, firstRow: row.number };
    const key = keyOf(r);
    const same = merged.get(key);
    if (!same) {
      merged.set(key, r);
      continue;
    }
    if (same.currency !== r.currency) {
      push({ row: row.number, field: index.has('currency') ? header('currency') : header('cost'), message: `the same campaign and day is in row ${same.firstRow} in ${same.currency}, here in ${r.currency}` });
      continue;
    }
    same.impressions += r.impressions;
    same.clicks += r.clicks;
    same.videoViews += r.videoViews;
    same.costMicros += r.costMicros;
    same.revenueMicros += r.revenueMicros;
    same.conversions = Math.round((same.conversions + r.conversions) * 10_000) / 10_000;
    if (r.campaignName) same.campaignName = r.campaignName;
  }
  if (more) errors.push({ row: 0, field: '(file)', message: `${more} more problem(s) not listed; fix these and upload again` });
  if (!errors.length && merged.size === 0) errors.push({ row: sheet.headerRow, field: '(file)', message: 'no data rows under the header' });
  if (errors.length) return { rows: [], errors };
  return { rows: [...merged.values()].map(({ firstRow: _, ...r }) => r), errors: [] };
}
