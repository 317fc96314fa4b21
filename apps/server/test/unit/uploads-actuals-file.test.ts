import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { currencyInHeader, suggestMapping } from '../../src/uploads/actual-columns.js';
import { previewOf, readActuals, readActualsFile, type ActualsSheet } from '../../src/uploads/actuals-file.js';
import { platformOf } from '../../src/uploads/uploads.schema.js';

const csv = (text: string) => new TextEncoder().encode(text);

async function sheetOf(text: string): Promise<ActualsSheet> {
  const s = await readActualsFile(csv(text), 'csv');
  if (typeof s === 'string') throw new Error(s);
  return s;
}

describe('recognising the columns of an actuals file', () => {
  it('maps Russian and English export headers, units and remarks set aside', () => {
    expect(suggestMapping(['Дата', 'ID кампании', 'Кампания', 'Показы', 'Клики', 'Расход, руб.', 'Конверсии', 'Валюта', 'Комментарий'])).toEqual({
      Дата: 'date', 'ID кампании': 'campaignId', Кампания: 'campaignName', Показы: 'impressions', Клики: 'clicks', 'Расход, руб.': 'cost', Конверсии: 'conversions', Валюта: 'currency', Комментарий: '',
    });
    expect(suggestMapping(['Day', 'Campaign ID', 'Campaign name', 'Impr.', 'Link clicks', 'Amount spent (RUB)', 'Results', 'Currency code', 'Ad set ID'])).toEqual({
      Day: 'date', 'Campaign ID': 'campaignId', 'Campaign name': 'campaignName', 'Impr.': 'impressions', 'Link clicks': 'clicks', 'Amount spent (RUB)': 'cost', Results: 'conversions', 'Currency code': 'currency', 'Ad set ID': 'adGroupId',
    });
    // A second column naming a field already taken is left for the planner to decide.
    expect(suggestMapping(['Расход', 'Cost'])).toEqual({ Расход: 'cost', Cost: '' });
  });

  it('reads the currency a cost header names', () => {
    expect(currencyInHeader('Расход, руб.')).toBe('RUB');
    expect(currencyInHeader('Amount spent (RUB)')).toBe('RUB');
    expect(currencyInHeader('Cost, USD')).toBe('USD');
    expect(currencyInHeader('Расход, бел. руб.')).toBe('BYN');
    expect(currencyInHeader('Расход')).toBeNull();
  });

  it('normalises a typed source into one platform name', () => {
    expect(platformOf('Telegram Ads')).toBe('telegram_ads');
    expect(platformOf(' telegram-ads ')).toBe('telegram_ads');
    expect(platformOf('Хабр Карьера')).toBe('хабр_карьера');
    expect(platformOf('***')).toBe('upload');
  });
});

describe('reading an actuals file', () => {
  it('finds the header under title rows, names blank and repeated headers, and previews the rows as typed', async () => {
    const sheet = await sheetOf('Отчёт за март\n\nДата;Кампания;;Кампания\n01.03.2026;Весна;x;y\n');
    expect(sheet.headerRow).toBe(3);
    expect(sheet.columns).toEqual(['Дата', 'Кампания', 'C', 'Кампания (2)']);
    expect(previewOf(sheet)).toEqual([['01.03.2026', 'Весна', 'x', 'y']]);
  });

  it('reads a semicolon CSV with a BOM, decimal commas and spaces in thousands; sums rows of the same campaign and day; skips totals', async () => {
    const sheet = await sheetOf('\uFEFFДата;ID кампании;Кампания;Показы;Клики;Расход, руб.;Конверсии\n01.03.2026;c1;Весна;1 000;10;1 234,50;1,5\n01.03.2026;c1;Весна;500;5;0,5;--\n2026-03-02;c2;Осень;7;1;100;0\nИтого;;;1 507;16;1 335,00;1,5\n');
    const { rows, errors } = readActuals(sheet, { mapping: suggestMapping(sheet.columns), currency: 'RUB', accountId: 'upload' });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { accountId: 'upload', campaignId: 'c1', campaignName: 'Весна', adGroupId: '', date: '2026-03-01', impressions: 1500, clicks: 15, costMicros: 1_235_000_000, conversions: 1.5, videoViews: 0, revenueMicros: 0, currency: 'RUB' },
      { accountId: 'upload', campaignId: 'c2', campaignName: 'Осень', adGroupId: '', date: '2026-03-02', impressions: 7, clicks: 1, costMicros: 100_000_000, conversions: 0, videoViews: 0, revenueMicros: 0, currency: 'RUB' },
    ]);
  });

  it('reads a CSV saved by Excel in Windows-1251', async () => {
    // «Дата,Кампания,Расход» and a row, in Windows-1251 bytes.
    const cp1251 = (s: string) => Uint8Array.from([...s].map((ch) => { const c = ch.charCodeAt(0); return c < 128 ? c : c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : c - 0x410 + 0xc0; }));
    const sheet = await readActualsFile(cp1251('Дата,Кампания,Расход\n01.03.2026,Весна,10\n'), 'csv');
    expect(typeof sheet === 'string' ? sheet : sheet.columns).toEqual(['Дата', 'Кампания', 'Расход']);
  });

  it('names a campaign by its name when the file has no ids, and takes the currency from a column', async () => {
    const sheet = await sheetOf('Date,Campaign,Spend,Currency\n2026-03-01,Spring sale,12.5,$\n');
    const { rows } = readActuals(sheet, { mapping: suggestMapping(sheet.columns), accountId: 'acc' });
    expect(rows).toMatchObject([{ campaignId: 'Spring sale', campaignName: 'Spring sale', costMicros: 12_500_000, currency: 'USD', accountId: 'acc' }]);
  });

  it('reports every bad cell with its sheet row and header, and returns no rows', async () => {
    const sheet = await sheetOf('Дата;Кампания;Показы;Клики;Расход\n31.02.2026;a;1;1;1\n01.03.2026;;1;1;1\n01.03.2026;b;abc;-1;1,5\n01.03.2026;c;1,5;1;1\n');
    const { rows, errors } = readActuals(sheet, { mapping: suggestMapping(sheet.columns), currency: 'RUB', accountId: 'x' });
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 2, field: 'Дата', message: '"31.02.2026" is not a date: use dd.mm.yyyy or yyyy-mm-dd' },
      { row: 3, field: 'Кампания', message: 'is required' },
      { row: 4, field: 'Показы', message: '"abc" is not a number' },
      { row: 4, field: 'Клики', message: 'must not be negative, got -1' },
      { row: 5, field: 'Показы', message: '1,5 is not a whole number' },
    ]);
  });

  it('refuses a mapping without a date, a campaign, a figure or a currency, and a field given twice', async () => {
    const sheet = await sheetOf('A;B;C\n1;2;3\n');
    const { errors } = readActuals(sheet, { mapping: { A: 'clicks', B: 'clicks', C: '' }, accountId: 'x' });
    expect(errors.map((e) => e.field)).toEqual(['mapping.B', 'mapping', 'mapping', 'currency']);
  });

  it('reads an .xlsx: real dates, numbers, and the sheet whose header names the most fields', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['Выгрузка из кабинета']);
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Campaign report']);
    ws.addRow([]);
    ws.addRow(['Date', 'Campaign ID', 'Impressions', 'Clicks', 'Cost', 'Currency']);
    ws.addRow([new Date(Date.UTC(2026, 2, 1)), 12000001, 1000, 10, 99.99, 'RUB']);
    const sheet = await readActualsFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'xlsx');
    if (typeof sheet === 'string') throw new Error(sheet);
    expect(sheet.headerRow).toBe(3);
    expect(previewOf(sheet)).toEqual([['2026-03-01', '12000001', '1000', '10', '99.99', 'RUB']]);
    expect(readActuals(sheet, { mapping: suggestMapping(sheet.columns), accountId: 'x' }).rows).toMatchObject([{ campaignId: '12000001', date: '2026-03-01', costMicros: 99_990_000 }]);
  });
});
