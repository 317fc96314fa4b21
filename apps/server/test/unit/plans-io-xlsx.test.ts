import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/plans/totals.js';
import { exportWorkbook, HEADER_ROW, importRows } from '../../src/plans/io/xlsx.js';
import { asInput, lines, plan } from './io-fixtures.js';

const totals = computeTotals(lines as Parameters<typeof computeTotals>[0], plan);
const dropNulls = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

async function load(buffer: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

async function sheet(rows: unknown[][], setup?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('План');
  rows.forEach((r) => ws.addRow(r));
  setup?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (text: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

describe('xlsx export and import', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`round-trips every field of every line (${locale})`, async () => {
      const buffer = await exportWorkbook(plan, lines, totals, { locale, clientName: 'ООО «Ромашка»' });
      const result = await importRows(buffer, { kind: 'xlsx' });
      expect(result.errors).toEqual([]);
      expect(result.lineItems.map(dropNulls)).toEqual(lines.map((l) => asInput(l)));
      expect(result.lineIds).toEqual(lines.map((l) => l.id));
      expect(result.mapping).toMatchObject(locale === 'ru' ? { Название: 'name', Площадка: 'vehicle', Бюджет: 'costTotal', 'Модель закупки': 'pricingModel' } : { Name: 'name', Vehicle: 'vehicle', Cost: 'costTotal' });
    });
  }

  it('writes live totals whose cached results are the API totals, in the plan currency, under a frozen header', async () => {
    const ws = await load(await exportWorkbook(plan, lines, totals, { locale: 'ru' }));
    const header = ws.getRow(HEADER_ROW).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    const rowOf = (label: string) => {
      for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
      throw new Error(`no row ${label}`);
    };
    const total = rowOf('Итого');
    expect(total).toBe(HEADER_ROW + lines.length + 1);
    const cost = ws.getCell(total, col('Бюджет'));
    const costLetter = ws.getColumn(col('Бюджет')).letter;
    expect(cost.value).toEqual({ formula: `SUM(${costLetter}${HEADER_ROW + 1}:${costLetter}${HEADER_ROW + lines.length})`, result: Number(totals.net) });
    expect(cost.numFmt).toBe('#,##0.00 "₽"');
    expect(ws.getCell(HEADER_ROW + 1, col('Бюджет')).numFmt).toBe('#,##0.00 "₽"');

    // One column per month the plan touches, from each line's flighting.
    expect(header.filter((h) => typeof h === 'string' && /^[А-Я][а-я]{2} 2025$/.test(h))).toEqual(['Мар 2025', 'Апр 2025', 'Май 2025']);
    const months = totals.byMonth.map((m) => (ws.getCell(total, col(`${['Мар', 'Апр', 'Май'][Number(m.month.slice(5)) - 3]} 2025`)).value as { formula: string; result: number }));
    expect(months.every((m) => m.formula.startsWith('SUM('))).toBe(true);
    expect(months.map((m) => m.result)).toEqual(totals.byMonth.map((m) => Number(m.amount)));
    expect(ws.getCell(HEADER_ROW + 1, col('Мар 2025')).value).toBe(823045);

    const fee = (label: string) => ws.getCell(rowOf(label), col('Бюджет')).value as { formula: string; result: number };
    expect(fee('Агентская комиссия')).toEqual({ formula: `ROUND(${costLetter}${total}*$B$9/100,2)`, result: Number(totals.commission) });
    expect(fee('Итого без НДС').result).toBe(Number(totals.grossExVat));
    expect(fee('НДС')).toEqual({ formula: `ROUND(${costLetter}${total + 2}*$B$8/100,2)`, result: Number(totals.vat) });
    expect(fee('Итого с НДС').result).toBe(Number(totals.grossIncVat));
    expect(ws.getCell('B8').value).toBe(20);
    expect(ws.getCell('B9').value).toBe(12.5);

    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(ws.getColumn(col('lineId')).hidden).toBe(true);
    expect(ws.getColumn(col('Бюджет')).hidden).toBe(false);
    for (const h of ['Название', 'Канал', 'Партнёр', 'Площадка', 'Медиапродукт', 'Формат', 'Начало', 'Окончание', 'Модель закупки', 'Ставка', 'Объём закупки', 'Стоимость медиа', 'Показы', 'Клики', 'Охват', 'Конверсии', 'erid']) expect(col(h)).toBeGreaterThan(0);
  });

  it('formats dollars before the amount and exports an empty plan', async () => {
    const usd = { ...plan, currency: 'USD', startDate: null, endDate: null, budget: null };
    const ws = await load(await exportWorkbook(usd, [], computeTotals([], usd), { locale: 'en' }));
    expect(ws.getCell(HEADER_ROW, 1).value).toBe('Name');
    expect(ws.getCell(HEADER_ROW + 1, 1).value).toBe('Total');
    expect(ws.getCell(HEADER_ROW + 1, 12).value).toBe(0);
    expect(ws.getCell(HEADER_ROW + 1, 12).numFmt).toBe('"$"#,##0.00');
    expect((await importRows(await exportWorkbook(usd, [], computeTotals([], usd), { locale: 'en' }), { kind: 'xlsx' })).lineItems).toEqual([]);
  });

  it('imports a 50-line sheet written by a planner with Russian headers and number formats', async () => {
    const rows: unknown[][] = [['Медиаплан «Весна»'], ['Клиент:', 'ООО Ромашка'], [], ['№', 'Наименование', 'Канал', 'Площадка', 'Партнер', 'Дата начала', 'Дата окончания', 'Модель закупки', 'Ставка, руб.', 'Кол-во', 'Показы', 'Клики', 'Бюджет, руб. без НДС']];
    rows.push(['', 'Digital']);
    for (let i = 1; i <= 50; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      rows.push([
        i,
        `Размещение ${i}`,
        i % 2 ? 'Digital' : 'OLV',
        i % 3 ? 'Яндекс' : 'VK',
        i % 3 ? 'ООО «Яндекс»' : 'VK',
        i % 2 ? `${day}.03.2025` : new Date(Date.UTC(2025, 2, Number(day))),
        i % 4 ? '30.04.2025' : 45777,
        i % 5 ? 'CPM' : 'фикс',
        i % 5 ? '245,5' : null,
        i % 5 ? `${i} 000` : null,
        `1\u00a0200\u00a0${String(i).padStart(3, '0')}`,
        i * 1000,
        i % 2 ? `${i} 234 567,50` : 1234567.5 + i,
      ]);
    }
    rows.push(['', 'Итого', '', '', '', '', '', '', '', '', '', '', { formula: 'SUM(M6:M55)', result: 1 }]);
    rows.push(['', 'НДС 20%', '', '', '', '', '', '', '', '', '', '', 12345]);
    const buffer = await sheet(rows, (ws) => {
      for (let r = 6; r <= 55; r++) ws.getCell(r, 13).numFmt = '# ##0,00 ₽';
    });
    const result = await importRows(buffer, { kind: 'xlsx' });
    expect(result.errors).toEqual([]);
    expect(result.lineItems).toHaveLength(50);
    expect(result.mapping).toEqual({
      Наименование: 'name',
      Канал: 'channel',
      Площадка: 'vehicle',
      Партнер: 'partner',
      'Дата начала': 'startDate',
      'Дата окончания': 'endDate',
      'Модель закупки': 'pricingModel',
      'Ставка, руб.': 'rate',
      'Кол-во': 'plannedUnits',
      Показы: 'metricImpressions',
      Клики: 'metricClicks',
      'Бюджет, руб. без НДС': 'costTotal',
    });
    expect(result.lineItems[0]).toEqual({
      name: 'Размещение 1',
      channel: 'Digital',
      vehicle: 'Яндекс',
      partner: 'ООО «Яндекс»',
      startDate: '2025-03-02',
      endDate: '2025-04-30',
      pricingModel: 'cpm',
      rate: '245.5000',
      plannedUnits: '1000.00',
      metricImpressions: 1200001,
      metricClicks: 1000,
      costTotal: '1234567.50',
    });
    expect(result.lineItems[3]).toMatchObject({ startDate: '2025-03-05', endDate: '2025-04-30', costTotal: '1234571.50', vehicle: 'Яндекс' });
    expect(result.lineItems[4]).toMatchObject({ pricingModel: 'flat_rate', costTotal: '5234567.50' });
    expect(result.lineItems[4]).not.toHaveProperty('rate');
    expect(result.lineIds).toEqual(new Array(50).fill(null));
  });

  it('reports every bad cell with its row and header, and returns no line when any row fails', async () => {
    const buffer = await sheet([
      ['Название', 'Канал', 'Начало', 'Окончание', 'Модель закупки', 'Бюджет', 'Показы', 'erid'],
      ['Хорошая строка', 'TV', '01.03.2025', '31.03.2025', 'CPP', '100 000', 1000, 'abc123'],
      ['Несуществующая дата', 'TV', '31.02.2025', '31.03.2025', 'CPP', '100 000', 1000, null],
      ['Бюджет словами', 'TV', '01.03.2025', '31.03.2025', 'CPX', 'много', '-5', null],
      [null, 'TV', '01.03.2025', '31.03.2025', null, '1', null, null],
      ['Конец раньше начала', 'TV', '2025-03-10', '2025-03-01', null, '1,5', null, 'не токен'],
      ['Ошибка формулы', 'TV', '01.03.2025', '31.03.2025', null, { formula: '1/0', result: { error: '#DIV/0!' } }, null, null],
    ]);
    const result = await importRows(buffer, { kind: 'xlsx' });
    expect(result.lineItems).toEqual([]);
    expect(result.errors).toEqual([
      { row: 3, column: 'Начало', message: '"31.02.2025" is not a date: use dd.mm.yyyy or yyyy-mm-dd' },
      { row: 4, column: 'Модель закупки', message: expect.stringContaining('"CPX" is not a pricing model') },
      { row: 4, column: 'Бюджет', message: '"много" is not a number' },
      { row: 4, column: 'Показы', message: 'must not be negative, got "-5"' },
      { row: 5, column: 'Название', message: 'is required' },
      { row: 6, column: 'Окончание', message: 'must not be before startDate' },
      { row: 6, column: 'erid', message: expect.stringContaining('erid') },
      { row: 7, column: 'Бюджет', message: 'holds the spreadsheet error #DIV/0!' },
    ]);
  });

  it('reports a sheet without the required columns or without any header', async () => {
    const noDates = await importRows(await sheet([['Название', 'Бюджет'], ['A', 1]]), { kind: 'xlsx' });
    expect(noDates.errors).toEqual([
      { row: 1, column: '', message: 'no column for startDate' },
      { row: 1, column: '', message: 'no column for endDate' },
    ]);
    expect(noDates.mapping).toEqual({ Название: 'name', Бюджет: 'costTotal' });
    expect((await importRows(await sheet([['a', 'b'], [1, 2]]), { kind: 'xlsx' })).errors[0]).toMatchObject({ row: 0, message: expect.stringContaining('no header row') });
    expect((await importRows(Buffer.from('not a zip'), { kind: 'xlsx' })).errors).toEqual([{ row: 0, column: '', message: 'the file is not a readable .xlsx workbook' }]);
  });
});

describe('csv import', () => {
  it('reads a semicolon CSV with a BOM, quoted fields and Russian numbers', async () => {
    const text = ['Название;Канал;Начало;Окончание;Бюджет;Показы;Ставка', '"Наружка; щиты ""3x6""";OOH;01.04.2025;21.04.2025;"1 234 567,50";"1 000";"12,5"', '"Две\nстроки";TV;2025-04-01;2025-04-30;450000;;', 'Итого;;;;1 684 567,50;;'].join('\r\n');
    const result = await importRows(csv(text, true), { kind: 'csv' });
    expect(result.errors).toEqual([]);
    expect(result.lineItems).toEqual([
      { name: 'Наружка; щиты "3x6"', channel: 'OOH', startDate: '2025-04-01', endDate: '2025-04-21', costTotal: '1234567.50', metricImpressions: 1000, rate: '12.5000' },
      { name: 'Две\nстроки', channel: 'TV', startDate: '2025-04-01', endDate: '2025-04-30', costTotal: '450000.00' },
    ]);
  });

  it('reads a comma CSV with English headers and reports bad cells by row', async () => {
    const text = 'Line item,Channel,Partner,Start date,End date,Pricing model,Rate,Budget,Impressions,Clicks\n' + 'Search,Digital,Google,2025-03-01,2025-03-31,CPC,"1,234.50","12,500.00","1,000,000",5000\n' + 'Broken,Digital,Google,03/01/2025,2025-03-31,CPC,1,abc,,\n';
    const result = await importRows(csv(text), { kind: 'csv' });
    expect(result.lineItems).toEqual([]);
    expect(result.errors).toEqual([
      { row: 3, column: 'Start date', message: '"03/01/2025" is not a date: use dd.mm.yyyy or yyyy-mm-dd' },
      { row: 3, column: 'Budget', message: '"abc" is not a number' },
    ]);
    const fixed = await importRows(csv(text.split('\n').slice(0, 2).join('\n')), { kind: 'csv' });
    expect(fixed.lineItems).toEqual([{ name: 'Search', channel: 'Digital', partner: 'Google', startDate: '2025-03-01', endDate: '2025-03-31', pricingModel: 'cpc', rate: '1234.5000', costTotal: '12500.00', metricImpressions: 1000000, metricClicks: 5000 }]);
  });

  it('lets a mapping override the guess and leave columns out', async () => {
    const text = 'Что;Канал;С;По;К оплате;Заметки\nБаннер;Digital;01.05.2025;31.05.2025;1000;x\n';
    const result = await importRows(csv(text), { kind: 'csv', mapping: { Что: 'name', С: 'startDate', По: 'endDate', 'к оплате': 'costTotal', Канал: '', Заметки: 'dimCustom1' } });
    expect(result.errors).toEqual([]);
    expect(result.mapping).toEqual({ Что: 'name', С: 'startDate', По: 'endDate', 'К оплате': 'costTotal', Заметки: 'dimCustom1' });
    expect(result.lineItems).toEqual([{ name: 'Баннер', startDate: '2025-05-01', endDate: '2025-05-31', costTotal: '1000.00', dimCustom1: 'x' }]);
    expect((await importRows(csv(text), { kind: 'csv', mapping: { Что: 'title' } })).errors).toEqual([{ row: 0, column: 'Что', message: '"title" is not a line item field' }]);
  });

  it('refuses a CSV that is not UTF-8', async () => {
    const cp1251 = Buffer.from([0xcd, 0xe0, 0xe7, 0xe2, 0xe0, 0xed, 0xe8, 0xe5, 0x3b, 0x31]);
    expect((await importRows(cp1251, { kind: 'csv' })).errors).toEqual([{ row: 0, column: '', message: 'the file is not UTF-8 text: save it as "CSV UTF-8"' }]);
  });
});
