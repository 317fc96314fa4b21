import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { client, register } from './helpers.js';

/**
 * LibreOffice opens the workbook, recalculates every formula and writes the sheet out as CSV, with
 * raw values rather than values as formatted (the filter's "save cell contents as shown" = false).
 */
function recalculatedCsv(xlsx: Buffer): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'mrm-calc-'));
  writeFileSync(join(dir, 'plan.xlsx'), xlsx);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, join(dir, 'plan.xlsx')], { stdio: 'pipe', timeout: 60_000 });
  const csv = readdirSync(dir).find((f) => f.endsWith('.csv'))!;
  return readFileSync(join(dir, csv), 'utf8')
    .split('\n')
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
}

describe('a real spreadsheet opens the export', () => {
  const api = client(inject('backends').postgres.url);

  it('recalculates the totals rows to exactly the API totals', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const c = (await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token })).body;
    const p = (await api.post('/api/v1/projects', { clientId: c.id, name: 'P' }, { token })).body;
    const plan = (await api.post('/api/v1/media-plans', { projectId: p.id, name: 'Весна', agencyCommission: '12.5' }, { token })).body;
    const items = Array.from({ length: 40 }, (_, i) => ({ name: `Line ${i}`, startDate: '2027-03-01', endDate: '2027-04-30', costTotal: `${10000 + i * 333}.${String(i % 100).padStart(2, '0')}`, channel: i % 2 ? 'TV' : 'Digital' }));
    await api.post(`/api/v1/media-plans/${plan.id}/line-items/bulk`, { items }, { token });
    const totals = (await api.get(`/api/v1/media-plans/${plan.id}`, { token })).body.totals;
    const res = await fetch(`${api.base}/api/v1/media-plans/${plan.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const rows = recalculatedCsv(Buffer.from(await res.arrayBuffer()));

    const header = rows.findIndex((r) => r[0] === 'Название');
    const costColumn = rows[header].indexOf(rows[header].find((h) => h.startsWith('Бюджет') || h.startsWith('Стоимость'))!);
    const valueOf = (label: string) => Number(rows.find((r) => r[0] === label)![costColumn]);
    expect(valueOf('Итого')).toBeCloseTo(Number(totals.net), 2);
    expect(valueOf('НДС')).toBeCloseTo(Number(totals.vat), 2);
    expect(valueOf('Итого с НДС')).toBeCloseTo(Number(totals.grossIncVat), 2);
    // The line rows carry the costs as numbers the spreadsheet sums, not text.
    const lineCosts = rows.slice(header + 1, header + 41).map((r) => Number(r[costColumn]));
    expect(lineCosts.reduce((a, b) => a + b, 0)).toBeCloseTo(Number(totals.net), 2);
  }, 90_000);
});
