// A report as a workbook: one sheet per table, the report's title on top of each, the facts above the
// first table, and whatever follows a table (terms, signatures) below it on the same sheet.
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { ReportDocument, ReportFacts, ReportLocale, ReportSection, ReportSignatures, ReportTable, ReportText } from '../document.js';
import { columnHeader, formatTimestamp } from './format.js';
import { cellValue, numberFormat, sheetNamer, totalsValue } from './xlsx-cells.js';

const HEADER_FILL = 'FFE4EBF2';
const MUTED = 'FF616E7C';
const WORDS: Record<ReportLocale, { sheet: string; generated: string; signature: string; seal?: string }> = {
  ru: { sheet: 'Лист', generated: 'Сформировано', signature: 'Подпись ____________________   Дата «___» ____________ 20__ г.', seal: 'М.П.' },
  en: { sheet: 'Sheet', generated: 'Generated', signature: 'Signature ____________________   Date ______________' },
};

interface SheetState {
  ws: Worksheet;
  /** Widest content seen per column, in characters, to size the columns at the end. */
  widths: number[];
  columns: number;
}

export async function renderXlsx(report: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = report.generatedAt;
  wb.title = report.title;
  const nameSheet = sheetNamer(WORDS[report.locale].sheet);
  const sheets: SheetState[] = [];
  let current: SheetState | undefined;
  let tables = 0;

  const open = (name: string | undefined) => {
    const ws = wb.addWorksheet(nameSheet(name));
    current = { ws, widths: [], columns: 1 };
    sheets.push(current);
    writeTitle(current, report);
    return current;
  };

  const firstTable = report.sections.find((s): s is ReportTable => s.kind === 'table');
  for (const section of report.sections) {
    if (section.kind === 'table') {
      // The sections before the first table share its sheet; each later table starts its own.
      if (!current || tables > 0) open(section.title ?? (tables === 0 ? report.fileStem : undefined));
      tables++;
      writeTable(current!, section, report.locale);
    } else {
      writeOther(current ?? open(firstTable?.title ?? report.fileStem), section, report.locale);
    }
  }
  if (!current) open(report.fileStem);
  for (const s of sheets) sizeColumns(s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function note(s: SheetState, width: number): void {
  s.widths[0] = Math.max(s.widths[0] ?? 0, Math.min(width, 40));
}

function writeTitle(s: SheetState, report: ReportDocument): void {
  const { ws } = s;
  ws.addRow([report.title]).font = { bold: true, size: 14 };
  if (report.subtitle) ws.addRow([report.subtitle]).font = { italic: true, color: { argb: MUTED } };
  ws.addRow([`${WORDS[report.locale].generated} ${formatTimestamp(report.generatedAt, report.locale)}`]).font = { size: 9, color: { argb: MUTED } };
  ws.addRow([]);
}

function writeOther(s: SheetState, section: Exclude<ReportSection, ReportTable>, locale: ReportLocale): void {
  const { ws } = s;
  if (section.kind !== 'signatures' && section.title) ws.addRow([section.title]).font = { bold: true, size: 12 };
  if (section.kind === 'facts') writeFacts(s, section);
  else if (section.kind === 'text') writeText(s, section);
  else writeSignatures(s, section, locale);
  ws.addRow([]);
}

function writeFacts(s: SheetState, facts: ReportFacts): void {
  for (const item of facts.items) {
    const row = s.ws.addRow([item.label, item.value]);
    row.getCell(1).font = { color: { argb: MUTED } };
    note(s, item.label.length + 2);
  }
}

function writeText(s: SheetState, text: ReportText): void {
  for (const paragraph of text.paragraphs) {
    const row = s.ws.addRow([paragraph]);
    // A paragraph spans the sheet's columns and wraps; Excel does not grow merged rows by itself.
    const span = Math.max(s.columns, 6);
    s.ws.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    const chars = Math.max(60, s.widths.slice(0, span).reduce((a, b) => a + (b ?? 12), 0) || 12 * span);
    row.height = Math.ceil(paragraph.length / chars + 0.3) * 15;
  }
}

function writeSignatures(s: SheetState, signatures: ReportSignatures, locale: ReportLocale): void {
  const words = WORDS[locale];
  for (const party of signatures.parties) {
    s.ws.addRow([party.role, party.name]).getCell(1).font = { bold: true };
    s.ws.addRow([words.signature]);
    if (words.seal) s.ws.addRow([words.seal]);
    s.ws.addRow([]);
    note(s, party.role.length + 2);
  }
}

function writeTable(s: SheetState, table: ReportTable, locale: ReportLocale): void {
  const { ws } = s;
  const cols = table.columns;
  s.columns = Math.max(s.columns, cols.length);
  if (table.title) ws.addRow([table.title]).font = { bold: true, size: 12 };

  const header = ws.addRow(cols.map(columnHeader));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell, i) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'thin' } };
    if (cols[i - 1].kind !== 'text') cell.alignment = { ...header.alignment, horizontal: 'right' };
  });
  cols.forEach((c, i) => {
    const hint = (c.width ?? (c.kind === 'text' ? 2.5 : 1)) * 12;
    s.widths[i] = Math.max(s.widths[i] ?? 0, hint, Math.min(columnHeader(c).length + 2, 24));
    const fmt = numberFormat(c, locale);
    if (fmt) ws.getColumn(i + 1).numFmt = fmt;
  });

  const first = header.number + 1;
  for (const r of table.rows) {
    ws.addRow(cols.map((c) => cellValue(r[c.key] ?? null, c.kind)));
    cols.forEach((c, i) => {
      if (c.kind === 'text' && typeof r[c.key] === 'string') s.widths[i] = Math.max(s.widths[i], Math.min(String(r[c.key]).length + 2, 50));
    });
  }
  const last = first + table.rows.length - 1;

  ws.views = [{ state: 'frozen', ySplit: header.number }];
  // The filter covers the lines only, so sorting never moves the totals row into the middle.
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: Math.max(last, header.number), column: cols.length } };

  if (table.totals) {
    const totals = table.totals;
    const row = ws.addRow(
      cols.map((c, i) => {
        const letter = ws.getColumn(i + 1).letter;
        const range = table.rows.length ? `${letter}${first}:${letter}${last}` : null;
        return totalsValue(totals[c.key] ?? null, c, table.rows.map((r) => r[c.key] ?? null), range);
      }),
    );
    row.font = { bold: true };
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: 'thin' } }));
  }
  ws.addRow([]);
}

function sizeColumns(s: SheetState): void {
  s.widths.forEach((w, i) => (s.ws.getColumn(i + 1).width = Math.max(8, Math.min(60, Math.round(w ?? 12)))));
}
