import { LineItemInput } from '@mrm/contracts';
import { isBlank, parseCell, type CellRead } from './cells.js';
import { LINE_ID, guessField, isColumnField, normaliseHeader, type ColumnField } from './columns.js';
import { gridFromCsv, gridsFromXlsx, headerText, type GridRow } from './grid.js';
import { FIELD_KINDS, type LineField } from './fields.js';

export interface ImportError {
  /** 1-based row of the sheet (0: the file as a whole). */
  row: number;
  /** The column's header text ('' when no column is at fault). */
  column: string;
  message: string;
}

export interface ImportResult {
  /** Empty whenever errors is not: an import applies whole or not at all. */
  lineItems: LineItemInput[];
  /** Per line, the API id a sheet exported by us carried, so the caller can update that line in place. */
  lineIds: Array<string | null>;
  /** Header text → field, for every column used. */
  mapping: Record<string, string>;
  errors: ImportError[];
}

export interface ImportOptions {
  kind: 'xlsx' | 'csv';
  /** Header text → field name, over the guess; '' leaves a column out. */
  mapping?: Record<string, string>;
}

interface Column {
  index: number;
  header: string;
  field: ColumnField;
}

const REQUIRED: readonly LineField[] = ['name', 'startDate', 'endDate', 'costTotal'];
const MAX_LINES = 5000;
const HEADER_SEARCH_ROWS = 50;
// Totals, fees and tax rows under the lines: skipped when they carry no dates.
const SUMMARY_LABEL = /^(итого|всего|total|subtotal|grandtotal|ндс|vat|агентск|комисси|agency|commission|tax|налог)/;

function fieldFor(header: string, overrides: Map<string, string>): ColumnField | '' | undefined {
  const chosen = overrides.get(header) ?? overrides.get(normaliseHeader(header));
  if (chosen !== undefined) return isColumnField(chosen) ? chosen : '';
  return guessField(header);
}

/** The row, among the first ones, whose cells name the most distinct fields; at least two. */
function findHeader(grid: GridRow[], overrides: Map<string, string>): { at: number; columns: Column[] } | null {
  let best: { at: number; columns: Column[] } | null = null;
  for (let at = 0; at < Math.min(grid.length, HEADER_SEARCH_ROWS); at++) {
    const columns: Column[] = [];
    const seen = new Set<string>();
    grid[at].cells.forEach((cell, index) => {
      const header = headerText(cell);
      const field = header ? fieldFor(header, overrides) : undefined;
      // A second column naming a field already taken is left out, not merged.
      if (field && !seen.has(field)) {
        seen.add(field);
        columns.push({ index, header, field });
      }
    });
    if (columns.length >= 2 && columns.length > (best?.columns.length ?? 0)) best = { at, columns };
  }
  return best;
}

/** The row's values by field; null for a row that is no line (blank, heading, totals); errors go to `errors`. */
function readRow(row: GridRow, columns: Column[], errors: ImportError[]): { item: Record<string, unknown>; lineId: string | null; failed: boolean } | null {
  const cell = (c: Column): CellRead => row.cells[c.index] ?? { value: null, formula: false };
  const byField = new Map(columns.map((c) => [c.field, c]));
  const blank = (f: ColumnField) => {
    const c = byField.get(f);
    return !c || isBlank(cell(c).value);
  };
  if (columns.every((c) => isBlank(cell(c).value) && !cell(c).error)) return null;
  if (blank('startDate') && blank('endDate')) {
    const nameColumn = byField.get('name');
    const label = nameColumn ? normaliseHeader(headerText(cell(nameColumn))) : '';
    if (SUMMARY_LABEL.test(label) || (!label && columns.some((c) => cell(c).formula))) return null;
    // A group heading such as «Digital» names a section and carries no figures.
    if (blank('costTotal') && columns.every((c) => isBlank(cell(c).value) || (c.field !== LINE_ID && FIELD_KINDS[c.field] === 'text'))) return null;
  }
  const item: Record<string, unknown> = {};
  let lineId: string | null = null;
  const before = errors.length;
  const fail = (c: Column, message: string) => errors.push({ row: row.number, column: c.header, message });
  for (const c of columns) {
    const { value, error } = cell(c);
    if (error) fail(c, `holds the spreadsheet error ${error}`);
    else if (isBlank(value)) {
      if ((REQUIRED as readonly string[]).includes(c.field)) fail(c, 'is required');
      // A blank cell leaves the field out: the same line as one whose field was never set.
      else if (c.field === 'externalIds') item[c.field] = [];
    } else {
      const parsed = parseCell(c.field === LINE_ID ? 'uuid' : FIELD_KINDS[c.field], value);
      if (!parsed.ok) fail(c, parsed.message);
      else if (c.field === LINE_ID) lineId = parsed.value as string;
      else item[c.field] = parsed.value;
    }
  }
  return { item, lineId, failed: errors.length > before };
}

/**
 * Line items from a spreadsheet as planners keep them: the header row is found among the first rows
 * by its Russian or English names, rows under it are read until the end, blank rows, group headings
 * and totals are skipped, and every cell that cannot be read is reported with its row and header.
 */
export async function importRows(buffer: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const result = (errors: ImportError[], mapping: Record<string, string> = {}): ImportResult => ({ lineItems: [], lineIds: [], mapping, errors });
  const overrides = new Map<string, string>();
  const errors: ImportError[] = [];
  for (const [header, field] of Object.entries(options.mapping ?? {})) {
    if (field !== '' && !isColumnField(field)) errors.push({ row: 0, column: header, message: `${JSON.stringify(field)} is not a line item field` });
    overrides.set(header, field);
    if (normaliseHeader(header)) overrides.set(normaliseHeader(header), field);
  }
  if (errors.length) return result(errors);

  const source = options.kind === 'csv' ? gridFromCsv(buffer) : await gridsFromXlsx(buffer);
  if (typeof source === 'string') return result([{ row: 0, column: '', message: source }]);
  const grids = options.kind === 'csv' ? [source as GridRow[]] : (source as GridRow[][]);
  let grid: GridRow[] = [];
  let header: ReturnType<typeof findHeader> = null;
  for (const g of grids) {
    const h = findHeader(g, overrides);
    if (h && h.columns.length > (header?.columns.length ?? 0)) [grid, header] = [g, h];
  }
  if (!header) return result([{ row: 0, column: '', message: 'no header row found: name the columns, e.g. Название, Начало, Окончание, Бюджет (or Name, Start, End, Cost)' }]);

  const columns = header.columns;
  const headerRow = grid[header.at].number;
  const mapping = Object.fromEntries(columns.map((c) => [c.header, c.field]));
  const missing = REQUIRED.filter((f) => !columns.some((c) => c.field === f));
  if (missing.length) return result(missing.map((f) => ({ row: headerRow, column: '', message: `no column for ${f}` })), mapping);

  const headerOf = (field: unknown) => columns.find((c) => c.field === field)?.header ?? String(field ?? '');
  const lineItems: LineItemInput[] = [];
  const lineIds: Array<string | null> = [];
  for (const row of grid.slice(header.at + 1)) {
    const read = readRow(row, columns, errors);
    if (!read || read.failed) continue;
    const parsed = LineItemInput.safeParse(read.item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: row.number, column: headerOf(issue.path[0]), message: issue.message });
      continue;
    }
    lineItems.push(parsed.data);
    lineIds.push(read.lineId);
  }
  const position = new Map(columns.map((c) => [c.header, c.index]));
  errors.sort((a, b) => a.row - b.row || (position.get(a.column) ?? -1) - (position.get(b.column) ?? -1));
  if (lineItems.length > MAX_LINES) errors.push({ row: 0, column: '', message: `at most ${MAX_LINES} lines can be imported at once, the file has ${lineItems.length}` });
  return errors.length ? result(errors, mapping) : { lineItems, lineIds, mapping, errors };
}
