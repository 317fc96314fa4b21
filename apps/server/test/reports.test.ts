import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer, type RunningServer } from './setup/servers.js';
import { startSmtpSink, type SmtpSink } from './setup/smtp-sink.js';

// Reports end to end on one server: actuals from a real sync against the VK simulator, reports
// made by the worker, files read back as a user would (pdftotext, a spreadsheet reader, bytes),
// and the "report ready" mail caught by a real SMTP server.
const DAY = 86_400_000;
const TODAY = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);

const pdfText = (body: Buffer, args: string[] = []) => {
  const file = join(mkdtempSync(join(tmpdir(), 'mrm-pdf-')), 'r.pdf');
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' });
};

describe('reports', () => {
  let sim: any;
  let sink: SmtpSink;
  let server: RunningServer;
  let api: Api;
  let owner: Workspace;
  let token: string;
  let planId: string;
  let clientId: string;

  async function finished(id: string, tok = token) {
    let run: any;
    const seen = new Set<number>();
    await until(async () => {
      run = (await api.get(`/api/v1/reports/${id}`, { token: tok })).body;
      seen.add(run.progress);
      return run.status === 'done' || run.status === 'failed';
    }, 60_000);
    expect(run.status, JSON.stringify(run)).toBe('done');
    return { run, seen };
  }

  async function download(id: string): Promise<{ body: Buffer; type: string; disposition: string }> {
    const res = await fetch(`${server.url}/api/v1/reports/${id}/download`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    expect(res.status).toBe(302);
    const file = await fetch(res.headers.get('location')!);
    expect(file.status).toBe(200);
    return { body: Buffer.from(await file.arrayBuffer()), type: file.headers.get('content-type') ?? '', disposition: file.headers.get('content-disposition') ?? '' };
  }

  beforeAll(async () => {
    const sims = await import('@mrm/simulators');
    sim = await sims.startVkAds({});
    sink = await startSmtpSink();
    server = await startServer({ VK_ADS_API_URL: sim.url, VK_ADS_RATE_LIMIT: 'off', OUTBOX_POLL_MS: '100', SMTP_URL: sink.url, WEB_ORIGIN: 'https://app.example.test' });
    api = client(server.url);
    const catalogue = await (await fetch(`${sim.url}/__sim/accounts`)).json();
    const campaigns = (catalogue.accounts ?? catalogue).find((a: { id: string }) => a.id === '900001').campaigns.map((c: { id: string }) => c.id);

    owner = await register(api, 'Агентство «Север»');
    token = owner.accessToken;
    clientId = (await api.post('/api/v1/clients', { name: 'ООО «Ёлка»' }, { token })).body.id;
    const p = (await api.post('/api/v1/projects', { clientId, name: 'Весна', currency: 'RUB' }, { token })).body;
    planId = (await api.post('/api/v1/media-plans', { projectId: p.id, name: 'Весна № 1', vatRate: '20', agencyCommission: '10' }, { token })).body.id;
    const items = [
      { name: 'Охват ВКонтакте', channel: 'Digital', partner: 'VK', startDate: day(-19), endDate: day(10), costTotal: '30000.00', pricingModel: 'cpm', rate: '150.00', plannedUnits: '200000', externalIds: [campaigns[0]] },
      { name: 'Видео «Зима»', channel: 'Video', partner: 'VK', startDate: day(-19), endDate: day(10), costTotal: '45000.50', externalIds: [campaigns[1]] },
      { name: 'Наружная реклама', channel: 'OOH', partner: 'Gallery', startDate: day(-19), endDate: day(10), costTotal: '12000.00' },
    ];
    expect((await api.post(`/api/v1/media-plans/${planId}/line-items/bulk`, { items }, { token })).status).toBeLessThan(300);
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK Ads', clientId, accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } }, { token });
    const queued = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token });
    await until(async () => ['succeeded', 'failed'].includes((await api.get(`/api/v1/connections/${conn.body.id}/runs`, { token })).body.items.find((r: { id: string }) => r.id === queued.body.id)?.status), 60_000);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    await sink?.close();
  });

  it('makes a plan-vs-actual workbook whose numbers are the API’s, and mails the requester a working link', async () => {
    const asOf = day(-8);
    const created = await api.post('/api/v1/reports', { type: 'plan-vs-actual', format: 'xlsx', locale: 'en', params: { planId, asOf } }, { token });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', progress: 0, type: 'plan-vs-actual', format: 'xlsx', clientId, requestedBy: { id: owner.userId } });
    const { run, seen } = await finished(created.body.id);
    expect(run.progress).toBe(100);
    expect([...seen].every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(run.fileName).toMatch(/^Plan vs actual — Весна № 1 — .*\.xlsx$/);

    const file = await download(run.id);
    expect(file.type).toContain('spreadsheetml');
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(run.fileName)}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const perf = (await api.get(`/api/v1/media-plans/${planId}/performance?by=line_item&grain=month&asOf=${asOf}`, { token })).body;
    // Every line's budget and actual spend in the workbook are the API's, to the kopeck.
    const cells: Array<{ row: ExcelJS.Row; sheet: ExcelJS.Worksheet }> = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => cells.push({ row, sheet })));
    // Money headers carry the currency: "Actual, ₽".
    const col = (label: string, row = header.row) => (row.values as unknown[]).findIndex((v) => v === label || v === `${label}, ₽`);
    const header = cells.find(({ row }) => col('Line', row) > 0 && col('Actual', row) > 0)!;
    const value = (v: ExcelJS.CellValue) => (typeof v === 'object' && v !== null && 'result' in v ? v.result : v);
    for (const g of perf.groups) {
      const line = cells.find(({ row, sheet }) => sheet === header.sheet && row.getCell(col('Line')).value === g.label)!;
      expect(line, g.label).toBeDefined();
      expect(Number(value(line.row.getCell(col('Budget')).value))).toBeCloseTo(Number(g.planned.cost), 2);
      if (g.matched) expect(Number(value(line.row.getCell(col('Actual')).value))).toBeCloseTo(Number(g.actual.cost), 2);
    }
    const total = cells.find(({ row, sheet }) => sheet === header.sheet && row.getCell(col('Line')).value === 'Total')!;
    expect(Number(value(total.row.getCell(col('Actual')).value))).toBeCloseTo(Number(perf.totals.actual.cost), 2);

    // The requester is told twice: in the app and by mail, with a link that downloads the same file.
    const notes = (await api.get('/api/v1/notifications', { token })).body.items;
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'report-ready' }));
    await until(async () => sink.inbox.some((m) => m.subject.includes(run.title)), 30_000);
    const mail = sink.inbox.filter((m) => m.subject.includes(run.title));
    expect(mail).toHaveLength(1);
    expect(mail[0].to).toContain(owner.email);
    const link = /https?:\/\/\S+\/api\/v1\/files\?\S+/.exec(mail[0].text)![0];
    const viaMail = Buffer.from(await (await fetch(link)).arrayBuffer());
    expect(viaMail.equals(file.body)).toBe(true);
    expect(mail[0].text).toContain(`https://app.example.test/reports/${run.id}`);

    // Reports generated per hour: per workspace on the admin page, per process for Prometheus.
    const metrics = (await api.get('/api/v1/admin/metrics', { token })).body;
    expect(metrics.reportsGenerated.lastHour).toBeGreaterThanOrEqual(1);
    const scrape = await (await fetch(`${server.url}/metrics`)).text();
    expect(scrape).toMatch(/mrm_reports_generated_total\{[^}]*type="plan-vs-actual"[^}]*format="xlsx"[^}]*\} [1-9]/);
  }, 90_000);

  it('lays a Russian PDF out with Cyrillic text, the client and the totals', async () => {
    const created = await api.post('/api/v1/reports', { type: 'plan-vs-actual', format: 'pdf', params: { planId, asOf: day(-8), groupBy: 'channel' } }, { token });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body.locale).toBe('ru');
    const { run } = await finished(created.body.id);
    const file = await download(run.id);
    expect(file.type).toBe('application/pdf');
    const text = pdfText(file.body);
    expect(text).toContain('План-факт: «Весна № 1»');
    expect(text).toContain('ООО «Ёлка»');
    expect(text).toMatch(/Итого/);
    expect(text).toMatch(/87\s000,50/); // 30 000,00 + 45 000,50 + 12 000,00 planned
    // Months by name, as a reader says them.
    expect(text).toMatch(/(Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь|Октябрь|Ноябрь|Декабрь) 20\d\d/);
  }, 60_000);

  it('writes CSV with a byte-order mark, in the document’s language conventions', async () => {
    const created = await api.post('/api/v1/reports', { type: 'pacing', format: 'csv', locale: 'ru', params: { planId, asOf: day(-8) } }, { token });
    const { run } = await finished(created.body.id);
    const file = await download(run.id);
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.body.subarray(3).toString('utf8');
    expect(text).toContain('Охват ВКонтакте');
    expect(text).toContain(';');
    expect(text).toContain('45000,50');
  }, 60_000);

  it('needs an approved version for a media plan or an insertion order, and a partner that has lines', async () => {
    expectProblem(await api.post('/api/v1/reports', { type: 'media-plan', format: 'pdf', params: { planId } }, { token }), 422, 'params.version');
    expect((await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token })).status).toBe(200);
    expect((await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token })).status).toBe(200);
    expectProblem(await api.post('/api/v1/reports', { type: 'insertion-order', format: 'pdf', params: { planId, partner: 'Яндекс' } }, { token }), 422, 'params.partner');

    const order = await api.post('/api/v1/reports', { type: 'insertion-order', format: 'pdf', params: { planId, partner: 'vk' } }, { token });
    expect(order.status, JSON.stringify(order.body)).toBe(202);
    const { run } = await finished(order.body.id);
    const text = pdfText((await download(run.id)).body);
    // Only VK's lines, their net 75 000,50, VAT 20 % on top, the terms and both signatures.
    expect(text).toContain('Заказ-поручение №');
    expect(text).toContain('Видео «Зима»');
    expect(text).not.toContain('Наружная реклама');
    expect(text).toMatch(/75\s000,50/);
    expect(text).toMatch(/15\s000,10/);
    expect(text).toMatch(/90\s000,60/);
    expect(text).toContain('От Агентства');
    expect(text).toContain('Агентство «Север»');

    const plan = await api.post('/api/v1/reports', { type: 'media-plan', format: 'xlsx', locale: 'en', params: { planId } }, { token });
    const done = await finished(plan.body.id);
    expect(done.run.fileName).toMatch(/^Media plan — Весна № 1 — v1\.xlsx$/);
  }, 90_000);

  it('refuses bad requests with the field named, and keeps viewers to reading', async () => {
    expectProblem(await api.post('/api/v1/reports', { type: 'pie-chart', format: 'pdf', params: { planId } }, { token }), 400, 'type');
    expectProblem(await api.post('/api/v1/reports', { type: 'pacing', format: 'docx', params: { planId } }, { token }), 400, 'format');
    expectProblem(await api.post('/api/v1/reports', { type: 'pacing', format: 'pdf', params: { planId: 'nope' } }, { token }), 400, 'params.planId');
    expectProblem(await api.post('/api/v1/reports', { type: 'pacing', format: 'pdf', params: { planId: '00000000-0000-4000-8000-000000000000' } }, { token }), 422, 'params.planId');
    expectProblem(await api.get('/api/v1/reports/00000000-0000-4000-8000-000000000000', { token }), 404);
    expectProblem(await api.get('/api/v1/reports/not-a-uuid', { token }), 400, 'id');

    for (let i = 0; i < 3; i++) expect((await api.post('/api/v1/reports', { type: 'pacing', format: 'csv', params: { planId } }, { token })).status).toBe(202);
    const viewer = await addMember(api, owner, 'viewer');
    expectProblem(await api.post('/api/v1/reports', { type: 'pacing', format: 'pdf', params: { planId } }, { token: viewer.token }), 403);
    const list = await api.get(`/api/v1/reports?planId=${planId}&limit=2`, { token: viewer.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await api.get(`/api/v1/reports?planId=${planId}&limit=2&cursor=${encodeURIComponent(list.body.nextCursor)}`, { token: viewer.token });
    expect(next.body.items.map((r: { id: string }) => r.id)).not.toContain(list.body.items[0].id);

    // Another workspace sees none of it.
    const other = await register(api, 'Чужие');
    expectProblem(await api.get(`/api/v1/reports/${list.body.items[0].id}`, { token: other.accessToken }), 404);
    expect((await api.get('/api/v1/reports', { token: other.accessToken })).body.items).toEqual([]);
  }, 60_000);

  it('keeps schedules with a cron read in their time zone, and refuses bad ones by field', async () => {
    const body = { name: 'Еженедельный план-факт', report: { type: 'plan-vs-actual', format: 'pdf', params: { planId } }, cron: '0 9 * * 1', timezone: 'Asia/Vladivostok', recipients: ['cmo@example.test', 'CMO@example.test'] };
    const created = await api.post('/api/v1/report-schedules', body, { token });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Mondays 09:00 in Vladivostok (UTC+10) are Sundays 23:00 UTC.
    const next = new Date(created.body.nextRunAt);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([0, 23, 0]);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(created.body.recipients).toEqual(['cmo@example.test']);
    expect(created.body.report).toMatchObject({ type: 'plan-vs-actual', locale: 'ru' });

    expectProblem(await api.post('/api/v1/report-schedules', { ...body, cron: '61 * * * *' }, { token }), 400, 'cron');
    expectProblem(await api.post('/api/v1/report-schedules', { ...body, timezone: 'Mars/Olympus' }, { token }), 400, 'timezone');
    expectProblem(await api.post('/api/v1/report-schedules', { ...body, recipients: ['not mail'] }, { token }), 400, 'recipients.0');
    expectProblem(await api.post('/api/v1/report-schedules', { ...body, report: { ...body.report, params: { planId: '00000000-0000-4000-8000-000000000000' } } }, { token }), 422, 'report.params.planId');

    const paused = await api.patch(`/api/v1/report-schedules/${created.body.id}`, { enabled: false }, { token });
    // Only what is sent changes: the time zone and recipients stay.
    expect(paused.body).toMatchObject({ enabled: false, nextRunAt: null, timezone: 'Asia/Vladivostok', recipients: ['cmo@example.test'] });
    const resumed = await api.patch(`/api/v1/report-schedules/${created.body.id}`, { name: 'По понедельникам' }, { token });
    expect(resumed.body).toMatchObject({ enabled: false, name: 'По понедельникам', timezone: 'Asia/Vladivostok' });
    expect((await api.get('/api/v1/report-schedules', { token })).body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
    expect((await api.del(`/api/v1/report-schedules/${created.body.id}`, { token })).status).toBe(204);
    expectProblem(await api.get(`/api/v1/report-schedules/${created.body.id}`, { token }), 404);
  }, 30_000);
});
