import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { MediaPlan, PlanTotals } from '@mrm/contracts';
import { byMonth, dailyAllocation, sumAmounts, type FlightingPattern } from '@mrm/planning';
import type { z } from 'zod';
import { HIDDEN_FIELDS, LINE_ID, PRICING_LABELS, VISIBLE_COLUMNS, type ColumnField, type Locale } from './columns.js';
import { FIELD_KINDS, valueOf, type LineField } from './fields.js';
import { LABELS, moneyFormat, monthLabel } from './labels.js';
import type { ExportLine } from './standard.js';

export { importRows, type ImportError, type ImportOptions, type ImportResult } from './import.js';

export type WorkbookPlan = Pick<
  z.infer<typeof MediaPlan>,
  'name' | 'currency' | 'budget' | 'startDate' | 'endDate' | 'status' | 'vatRate' | 'agencyCommission' | 'latestVersion' | 'approvedVersion'
>;
export type WorkbookTotals = Pick<z.infer<typeof PlanTotals>, 'net' | 'commission' | 'grossExVat' | 'vat' | 'grossIncVat'>;
export interface WorkbookOptions {
  locale: Locale;
  clientName?: string;
}

type Column =
  | { type: 'field'; field: LineField; header: string; width: number; sum: boolean }
  | { type: 'month'; month: string; header: string }
  | { type: 'hidden'; field: ColumnField; header: string };

const DATE_FORMAT: Record<Locale, string> = { ru: 'dd.mm.yyyy', en: 'yyyy-mm-dd' };
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

function lineMonths(line: ExportLine, index: number): Map<string, string> {
  try {
    const daily = dailyAllocation(line.costTotal, line.startDate, line.endDate, (line.flighting ?? { type: 'even' }) as FlightingPattern);
    return new Map(byMonth(daily).map((m) => [m.month, m.amount]));
  } catch (e) {
    throw new RangeError(`line ${index + 1} (${line.name}): ${(e as Error).message}`, { cause: e });
  }
}

/** Every month from the earliest to the latest date of the plan and its lines. */
function monthSpan(plan: WorkbookPlan, lines: readonly ExportLine[]): string[] {
  const dates = [plan.startDate, plan.endDate, ...lines.flatMap((l) => [l.startDate, l.endDate])].filter((d): d is string => !!d).sort();
  if (dates.length === 0) return [];
  const months: string[] = [];
  let [y, m] = dates[0].split('-').map(Number);
  const last = dates[dates.length - 1].slice(0, 7);
  for (let key = ''; key !== last; m = m === 12 ? 1 : m + 1, y = m === 1 ? y + 1 : y) {
    key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
  }
  return months;
}

function formatList(ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  // Semicolons read best; JSON only when an id would not survive the split.
  return ids.some((id) => /[;\n]/.test(id) || id !== id.trim() || id.startsWith('[')) ? JSON.stringify(ids) : ids.join('; ');
}

/** The cell value and number format of a field, as a planner reads it. */
function fieldCell(field: LineField, value: unknown, locale: Locale, money: string): { value: CellValue; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  switch (FIELD_KINDS[field]) {
    case 'date':
      return { value: asDate(value as string), numFmt: DATE_FORMAT[locale] };
    case 'money':
      return { value: Number(value), numFmt: money };
    case 'rate':
      return { value: Number(value), numFmt: '#,##0.00##' };
    case 'units':
      return { value: Number(value), numFmt: '#,##0.00' };
    case 'exchange':
      return { value: Number(value), numFmt: '0.00######' };
    case 'metric':
      return { value: value as number, numFmt: Number.isInteger(value) ? '#,##0' : '#,##0.00##' };
    case 'pricing':
      return { value: PRICING_LABELS[value as string]?.[locale] ?? (value as string) };
    case 'list':
      return { value: formatList(value as string[]) };
    case 'json':
      return { value: JSON.stringify(value) };
    default:
      return { value: value as CellValue };
  }
}

function writeHeaderBlock(ws: Worksheet, plan: WorkbookPlan, options: WorkbookOptions, money: string): { vat: string; commission: string } {
  const L = LABELS[options.locale];
  const title = ws.getCell(1, 1);
  title.value = `${L.title}: ${plan.name}`;
  title.font = { bold: true, size: 14 };
  const version = plan.latestVersion === null ? L.none : `v${plan.latestVersion}${plan.approvedVersion ? ` (${L.approved} v${plan.approvedVersion})` : ''}`;
  const rows: Array<[string, CellValue, string?]> = [
    [L.client, options.clientName ?? L.none],
    [L.plan, plan.name],
    [L.currency, plan.currency],
    [L.period, plan.startDate ? asDate(plan.startDate) : L.none, DATE_FORMAT[options.locale]],
    [L.version, version],
    [L.status, L.statuses[plan.status] ?? plan.status],
    [L.vat, Number(plan.vatRate), '0.00'],
    [L.commission, Number(plan.agencyCommission), '0.00'],
    [L.budget, plan.budget === null ? L.none : Number(plan.budget), money],
  ];
  rows.forEach(([label, value, numFmt], i) => {
    ws.getCell(i + 2, 1).value = label;
    ws.getCell(i + 2, 1).font = { bold: true };
    const cell = ws.getCell(i + 2, 2);
    cell.value = value;
    if (numFmt && typeof value !== 'string') cell.numFmt = numFmt;
    cell.alignment = { horizontal: 'left' };
  });
  const period = ws.getCell(5, 3);
  period.value = plan.endDate ? asDate(plan.endDate) : null;
  period.numFmt = DATE_FORMAT[options.locale];
  period.alignment = { horizontal: 'left' };
  return { vat: '$B$8', commission: '$B$9' };
}

export const HEADER_ROW = 12;

/**
 * The plan as planners keep it in Excel: a header block, one row per line with its monthly split,
 * live totals (SUM formulas, with cached results so viewers that do not recalculate show them too)
 * and fee rows. Fields without a visible column ride in hidden columns so an import restores them.
 */
export async function exportWorkbook(plan: WorkbookPlan, lineItems: readonly ExportLine[], totals: WorkbookTotals, options: WorkbookOptions): Promise<Buffer> {
  const L = LABELS[options.locale];
  const money = moneyFormat(plan.currency);
  const wb = new ExcelJS.Workbook();
  // Cached results are for viewers that never calculate; Excel itself recalculates on opening.
  wb.calcProperties = { fullCalcOnLoad: true };
  const ws = wb.addWorksheet(L.sheet, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }] });
  const rates = writeHeaderBlock(ws, plan, options, money);

  const perLine = lineItems.map(lineMonths);
  const hidden: ColumnField[] = [LINE_ID, ...HIDDEN_FIELDS.filter((f) => f === 'code' || f === 'flighting' || lineItems.some((l) => present(valueOf(l, f))))];
  const columns: Column[] = [
    ...VISIBLE_COLUMNS.map((c): Column => ({ type: 'field', field: c.field, header: c[options.locale], width: c.width, sum: !!c.sum })),
    ...monthSpan(plan, lineItems).map((month): Column => ({ type: 'month', month, header: monthLabel(month, options.locale) })),
    ...hidden.map((field): Column => ({ type: 'hidden', field, header: field })),
  ];

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
    const col = ws.getColumn(i + 1);
    col.width = c.type === 'field' ? c.width : 14;
    if (c.type === 'hidden') col.hidden = true;
  });
  const lastVisible = columns.filter((c) => c.type !== 'hidden').length;
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: lastVisible } };

  lineItems.forEach((line, li) => {
    const row = ws.getRow(HEADER_ROW + 1 + li);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.type === 'month') {
        const amount = perLine[li].get(c.month);
        cell.value = amount === undefined ? null : Number(amount);
        cell.numFmt = money;
      } else if (c.field === LINE_ID) cell.value = line.id ?? null;
      else {
        const { value, numFmt } = c.type === 'field' ? fieldCell(c.field, valueOf(line, c.field), options.locale, money) : hiddenCell(c.field, valueOf(line, c.field));
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      }
    });
  });

  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + lineItems.length;
  const totalRow = last + 1;
  const costColumn = columns.findIndex((c) => c.type === 'field' && c.field === 'costTotal') + 1;
  const cost = ws.getColumn(costColumn).letter;
  const row = ws.getRow(totalRow);
  row.getCell(1).value = L.total;
  row.font = { bold: true };
  columns.forEach((c, i) => {
    if (!(c.type === 'month' || (c.type === 'field' && c.sum))) return;
    const sum =
      c.type === 'month'
        ? Number(sumAmounts(perLine.map((m) => m.get(c.month) ?? '0')))
        : FIELD_KINDS[c.field] === 'money'
          ? Number(sumAmounts(lineItems.map((l) => (valueOf(l, c.field) as string | null | undefined) ?? '0')))
          : lineItems.reduce((s, l) => s + ((valueOf(l, c.field) as number | null | undefined) ?? 0), 0);
    const letter = ws.getColumn(i + 1).letter;
    const cell = row.getCell(i + 1);
    cell.value = lineItems.length ? { formula: `SUM(${letter}${first}:${letter}${last})`, result: sum } : sum;
    cell.numFmt = c.type === 'month' || FIELD_KINDS[c.field] === 'money' ? money : '#,##0';
    cell.border = { top: { style: 'thin' } };
  });

  const fees: Array<[string, string, string]> = [
    [L.commissionRow, `ROUND(${cost}${totalRow}*${rates.commission}/100,2)`, totals.commission],
    [L.grossExVat, `${cost}${totalRow}+${cost}${totalRow + 1}`, totals.grossExVat],
    [L.vatRow, `ROUND(${cost}${totalRow + 2}*${rates.vat}/100,2)`, totals.vat],
    [L.grossIncVat, `${cost}${totalRow + 2}+${cost}${totalRow + 3}`, totals.grossIncVat],
  ];
  fees.forEach(([label, formula, result], i) => {
    const r = ws.getRow(totalRow + 1 + i);
    r.getCell(1).value = label;
    r.getCell(costColumn).value = { formula, result: Number(result) };
    r.getCell(costColumn).numFmt = money;
    if (i === fees.length - 1) r.font = { bold: true };
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Hidden columns hold values in the form import reads back exactly; numbers stay numbers. */
function hiddenCell(field: ColumnField, value: unknown): { value: CellValue; numFmt?: string } {
  if (field === LINE_ID || value === null || value === undefined) return { value: null };
  const kind = FIELD_KINDS[field];
  if (kind === 'list') return { value: formatList(value as string[]) };
  if (kind === 'json') return { value: JSON.stringify(value) };
  if (kind === 'money' || kind === 'exchange') return { value: Number(value) };
  return { value: value as CellValue };
}
