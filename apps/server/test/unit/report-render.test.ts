// The report files as a client gets them: the PDF read back as text by poppler, the workbook read
// back by exceljs, the CSV parsed as a spreadsheet would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/reports/document.js';
import { formatDate, formatMoney, renderReport } from '../../src/reports/render/index.js';
import { sheetNamer } from '../../src/reports/render/xlsx-cells.js';
import { insertionOrder, planFactReport, planLines, rub } from './report-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'report-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
/** "1234567.89" → "1 234 567,89" the way a Russian reader writes it (space-normalised). */
const ruAmount = (s: string) => s.replace(/\B(?=(\d{3})+\.)/g, ' ').replace('.', ',');
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

let files = 0;
async function pdfPages(doc: ReportDocument): Promise<{ all: string; page: (n: number) => string; count: number }> {
  const { body, contentType } = await renderReport(doc, 'pdf');
  expect(contentType).toBe('application/pdf');
  const file = join(dir, `r${files++}.pdf`);
  writeFileSync(file, body);
  const text = (...range: string[]) => spaces(execFileSync('/usr/bin/pdftotext', ['-layout', ...range, file, '-']).toString('utf8'));
  const all = text();
  const count = all.split('\f').filter((p) => p.trim()).length;
  return { all, count, page: (n) => text('-f', String(n), '-l', String(n)) };
}

describe('value formatting', () => {
  it('writes amounts from their decimal strings, to the kopeck, in either locale', () => {
    expect(formatMoney('1234567.89', 'RUB', 'ru')).toBe('1\u00a0234\u00a0567,89\u00a0₽');
    expect(formatMoney('1234567.89', 'USD', 'en')).toBe('$1,234,567.89');
    expect(formatMoney('-1234.5', 'EUR', 'en')).toBe('-€1,234.50');
    expect(formatMoney('10', 'KZT', 'en')).toBe('10.00\u00a0KZT');
    expect(formatMoney('0.005', 'RUB', 'ru')).toBe('0,01\u00a0₽');
    // Past 2^53 a float would lose the kopecks.
    expect(formatMoney('98765432109876543.21', 'RUB', 'en')).toBe('98,765,432,109,876,543.21\u00a0₽');
    expect(formatDate('2026-11-26', 'ru')).toBe('26.11.2026');
    expect(formatDate('2026-11-26', 'en')).toBe('2026-11-26');
  });
});

describe('PDF', () => {
  it('gives back Russian text, amounts and totals exactly', async () => {
    const doc = planFactReport(30);
    const { all, count } = await pdfPages(doc);
    expect(all).toContain('План-факт № 7 — «Весна 2026», ёлочные игрушки');
    expect(all).toContain('Клиент: АО «Ёлка и Ко»');
    expect(all).toContain('План, ₽');
    expect(all).toContain('Ёлка «Медиа» — размещение 7');
    expect(all).toContain('Avito "Premium"');
    expect(all).toContain('Сформировано 26.11.2026 09:15 UTC');
    const lines = planLines(30);
    expect(all).toMatch(new RegExp(`Итого.*${ruAmount(rub(sum(lines.map((l) => l.plan))))}.*${ruAmount(rub(sum(lines.map((l) => l.fact))))}`));
    expect(all).toContain(`Стр. 1 из ${count}`);
  });

  it('runs a long table over pages with the header and "page N of M" on each, losing no line', async () => {
    const { all, count, page } = await pdfPages(planFactReport(500));
    expect(count).toBeGreaterThanOrEqual(5);
    for (let n = 1; n <= count; n++) {
      const text = page(n);
      expect(text).toMatch(/№\s+Канал\s+Площадка\s+Начало\s+Окончание\s+План, ₽\s+Факт, ₽/);
      expect(text).toContain(`Стр. ${n} из ${count}`);
    }
    expect(page(2)).toContain(`Стр. 2 из ${count}`);
    expect(page(count)).toContain('Итого');
    for (const line of planLines(500)) expect(all).toContain(ruAmount(rub(line.plan)));
  });

  it('lays out an insertion order with parties, terms and signature blocks', async () => {
    const { all, count } = await pdfPages(insertionOrder());
    const flat = all.replace(/\s+/g, ' ');
    expect(count).toBe(1);
    expect(flat).toContain('Заказ-наряд № 15/2026');
    expect(flat).toContain('ООО «Медиа Ёлка», ИНН 7709876543');
    expect(flat).toContain('Оплата производится в течение 10 (десяти) банковских дней с даты выставления счёта.');
    expect(flat).toMatch(/Заказчик\s+Исполнитель/);
    expect(all.match(/М\.П\./g)).toHaveLength(2);
    expect(all.match(/подпись \/ расшифровка/g)).toHaveLength(2);
    expect(flat).toContain('Стр. 1 из 1');
  });

  it('speaks English for an English document', async () => {
    const { all } = await pdfPages(planFactReport(30, 'en'));
    const plan = rub(sum(planLines(30).map((l) => l.plan))).replace(/\B(?=(\d{3})+\.)/g, ',');
    expect(all).toContain('Plan vs actual No. 7 — “Spring 2026”');
    expect(all).toMatch(new RegExp(`Total.*${plan}`));
    expect(all).toContain('Generated 2026-11-26 09:15 UTC');
    expect(all).toMatch(/Page 1 of \d/);
    expect(all).not.toContain('Стр.');
  });
});

describe('XLSX', () => {
  async function workbook(doc: ReportDocument) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReport(doc, 'xlsx')).body as never);
    return wb;
  }

  it('holds the numbers themselves, formatted, with totals as formulas that carry their result', async () => {
    const doc = planFactReport(30);
    const wb = await workbook(doc);
    const ws = wb.getWorksheet('План-факт по размещениям')!;
    expect(ws).toBeDefined();
    const headerRow = ws.getColumn(1).values.findIndex((v) => v === '№');
    expect(headerRow).toBeGreaterThan(0);
    expect(ws.getRow(headerRow).getCell(6).value).toBe('План, ₽');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.autoFilter).toBeTruthy();

    const lines = planLines(30);
    lines.forEach((line, i) => {
      const row = ws.getRow(headerRow + 1 + i);
      expect(row.getCell(6).value).toBe(Number(rub(line.plan)));
      expect(row.getCell(8).value).toBe(Number(rub(line.fact - line.plan)));
      expect(row.getCell(10).value).toBe(line.impressions);
      expect(row.getCell(4).value).toEqual(new Date(Date.UTC(2026, i % 9, 1)));
    });
    const first = ws.getRow(headerRow + 1);
    expect(first.getCell(6).numFmt).toBe('#,##0.00 "₽"');
    expect(first.getCell(9).numFmt).toBe('0.0%');
    expect(first.getCell(10).numFmt).toBe('#,##0');
    expect(first.getCell(4).numFmt).toBe('dd.mm.yyyy');

    const totals = ws.getRow(headerRow + 31);
    expect(totals.getCell(2).value).toBe('Итого');
    expect(totals.font?.bold).toBe(true);
    const plan = totals.getCell(6).value as { formula: string; result: number };
    expect(plan.formula).toBe(`SUM(F${headerRow + 1}:F${headerRow + 30})`);
    expect(plan.result).toBe(Number(rub(sum(lines.map((l) => l.plan)))));
    const cells = lines.map((_, i) => ws.getRow(headerRow + 1 + i).getCell(6).value as number);
    expect(plan.result).toBeCloseTo(cells.reduce((a, b) => a + b, 0), 2);
    // A ratio of totals is not a sum of the lines' ratios, so it is written as a value.
    expect(typeof totals.getCell(9).value).toBe('number');
  });

  it('names the sheets validly and puts the facts above the first table', async () => {
    const wb = await workbook(insertionOrder());
    for (const ws of wb.worksheets) expect(ws.name).toMatch(/^[^[\]:*?/\\]{1,31}$/);
    const ws = wb.worksheets[0];
    const labels = ws.getColumn(1).values as unknown[];
    expect(labels.indexOf('Заказчик')).toBeLessThan(labels.indexOf('№'));
    expect(labels).toContain('М.П.');
    const name = sheetNamer('Лист');
    const long = 'Очень: длинное [имя] листа/таблицы? которое * не влезает';
    const names = [name(long), name(long), name(undefined), name("'History'")];
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
    for (const n of names) expect(n).toMatch(/^[^'[\]:*?/\\][^[\]:*?/\\]{0,30}$/);
  });
});

/** RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field || row.length) endField();
  if (row.length) rows.push(row);
  // A blank line between sections parses as one empty field; it holds no data.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

describe('CSV', () => {
  async function csv(doc: ReportDocument) {
    const { body, contentType } = await renderReport(doc, 'csv');
    expect(contentType).toBe('text/csv; charset=utf-8');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    // Every line ends in CRLF outside quotes: no bare LF or CR anywhere but inside a quoted cell.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    return text;
  }

  it('writes Russian with ; and a decimal comma, quoting what needs it, and parses back', async () => {
    const doc = planFactReport(30);
    const table = doc.sections[1] as Extract<ReportDocument['sections'][number], { kind: 'table' }>;
    table.rows[5].partner = 'Строка с переносом\nи «кавычками» "внутри"; и разделителем';
    const text = await csv(doc);
    expect(text).toContain('\r\n14;TV;"Gallery; наружка — размещение 14";01.05.2026');
    expect(text).toContain('"Avito ""Premium"" — размещение 8"');
    const rows = parseCsv(text, ';');
    expect(rows).toContainEqual(['Клиент', 'АО «Ёлка и Ко»']);
    const header = rows.findIndex((r) => r[0] === '№');
    expect(rows[header]).toEqual(['№', 'Канал', 'Площадка', 'Начало', 'Окончание', 'План, ₽', 'Факт, ₽', 'Отклонение, ₽', 'Исполнение', 'Показы']);
    const lines = planLines(30);
    lines.forEach((line, i) => {
      const r = rows[header + 1 + i];
      expect(r[2]).toBe(table.rows[i].partner);
      expect(r[3]).toBe(formatDate(String(table.rows[i].start), 'ru'));
      expect(r[5]).toBe(rub(line.plan).replace('.', ','));
      expect(r[9]).toBe(String(line.impressions));
    });
    expect(rows[header + 31].slice(1, 6)).toEqual(['Итого', '', '', '', rub(sum(lines.map((l) => l.plan))).replace('.', ',')]);
    // The blank line between sections: the facts block ends before the table's title line.
    expect(text).toMatch(/Бюджет;15 000 000,00 ₽\r\n\r\nПлан-факт по размещениям\r\n/);
  });

  it('writes English with , and a decimal point', async () => {
    const text = await csv(planFactReport(3, 'en'));
    const rows = parseCsv(text, ',');
    const header = rows.findIndex((r) => r[0] === 'No.');
    expect(rows[header].slice(5, 7)).toEqual(['Plan, ₽', 'Actual, ₽']);
    expect(text).toContain('"Plan, ₽","Actual, ₽"');
    expect(rows[header + 1][5]).toBe(rub(planLines(3)[0].plan));
    expect(rows[header + 1][3]).toBe('2026-01-01');
  });

  it('keeps a text cell from running as a formula in a spreadsheet', async () => {
    const doc = planFactReport(2);
    (doc.sections[1] as { rows: Array<Record<string, unknown>> }).rows[0].partner = '=HYPERLINK("http://x","y")';
    const rows = parseCsv(await csv(doc), ';');
    expect(rows.some((r) => r[2] === `'=HYPERLINK("http://x","y")`)).toBe(true);
  });
});
