import { request as httpRequest } from 'node:http';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Reply } from './helpers.js';
import { until } from './setup/processes.js';
import { freshDatabase, migrateAndCreateLogin } from './setup/global.js';
import { PG_ADMIN_URL, REDIS_URL, startServer, TEST_ENV, type RunningServer } from './setup/servers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AS_OF = '2026-03-31';

/** Sends a file as the request body, the way the web app and API clients do. */
async function send(api: Api, token: string, path: string, body: Uint8Array | string, type: string): Promise<Reply> {
  const res = await fetch(`${api.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
}

/** An oversized body: the server answers 413 from the declared length and may close before it is all sent. */
function sendOversized(base: string, token: string, path: string, bytes: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': bytes } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    req.end(Buffer.alloc(bytes, 'x'));
  });
}

const RU_CSV = [
  '\uFEFFДата;ID кампании;Кампания;Показы;Клики;Расход, руб.;Конверсии',
  '01.03.2026;cmp-1;Весна;1 000;10;1 234,50;1,5',
  '02.03.2026;cmp-1;Весна;2 000;20;765,50;0',
  '01.03.2026;cmp-2;Осень;500;5;100;0',
  'Итого;;;3 500;35;2 100,00;1,5',
  '',
].join('\r\n');

describe.each(['postgres', 'pglite'] as const)('actuals uploaded from files on %s', (backend) => {
  let api: Api;
  let server: RunningServer | undefined;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeAll(async () => {
    if (backend === 'pglite') {
      api = client(inject('backends').pglite.url);
      return;
    }
    // The shared PostgreSQL server has no analytics tables (its migrations are not run at start),
    // and a second server on its database would race it for the outbox. This one has a database
    // of its own and migrates its own analytics store.
    db = await freshDatabase();
    await migrateAndCreateLogin(db.ownerUrl);
    server = await startServer({ DATABASE_URL: db.appUrl, DATABASE_MIGRATION_URL: db.ownerUrl, MRM_MIGRATE_ON_START: 'true', REDIS_URL, OUTBOX_POLL_MS: '100' }, { timeoutMs: 120_000 });
    api = client(server.url);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    if (!db) return;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${db.name} with (force)`);
    await admin.end();
  });

  async function setUp() {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token });
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна 2026' }, { token });
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Март' }, { token });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const line = await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Telegram — весна', startDate: '2026-03-01', endDate: '2026-03-31', costTotal: '31000.00', externalIds: ['cmp-1'] }, { token });
    expect(line.status, JSON.stringify(line.body)).toBe(201);
    return { owner, token, clientId: c.body.id as string, planId: plan.body.id as string, lineId: line.body.id as string };
  }

  const uploads = (clientId: string) => `/api/v1/clients/${clientId}/actual-uploads`;

  async function imported(token: string, clientId: string, id: string) {
    let upload: any;
    await until(async () => {
      upload = (await api.get(`${uploads(clientId)}/${id}`, { token })).body;
      return ['imported', 'failed'].includes(upload.status);
    }, 30_000);
    expect(upload.status, JSON.stringify(upload.errors)).toBe('imported');
    return upload;
  }

  async function lineActual(token: string, planId: string, lineId: string) {
    const perf = await api.get(`/api/v1/media-plans/${planId}/performance?by=line_item&grain=month&asOf=${AS_OF}`, { token });
    expect(perf.status, JSON.stringify(perf.body)).toBe(200);
    return perf.body.groups.find((g: { key: string }) => g.key === lineId).actual;
  }

  it('suggests the mapping of a Russian semicolon CSV, imports it, shows it on the plan, and a corrected file replaces it', { timeout: 90_000 }, async () => {
    const { token, clientId, planId, lineId } = await setUp();
    const up = await send(api, token, `${uploads(clientId)}?fileName=${encodeURIComponent('Telegram март.csv')}&source=${encodeURIComponent('Telegram Ads')}`, RU_CSV, 'text/csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      clientId, source: 'Telegram Ads', platform: 'telegram_ads', fileName: 'Telegram март.csv', format: 'csv', status: 'uploaded', headerRow: 1, rowsTotal: 4,
      columns: ['Дата', 'ID кампании', 'Кампания', 'Показы', 'Клики', 'Расход, руб.', 'Конверсии'],
      suggestedMapping: { Дата: 'date', 'ID кампании': 'campaignId', Кампания: 'campaignName', Показы: 'impressions', Клики: 'clicks', 'Расход, руб.': 'cost', Конверсии: 'conversions' },
      suggestedCurrency: 'RUB', mapping: null,
    });
    expect(up.body.preview[0]).toEqual(['01.03.2026', 'cmp-1', 'Весна', '1 000', '10', '1 234,50', '1,5']);

    const queued = await api.post(`${uploads(clientId)}/${up.body.id}/import`, { mapping: {}, currency: 'RUB' }, { token });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', currency: 'RUB', rowsTotal: 3 });
    const done = await imported(token, clientId, up.body.id);
    expect(done).toMatchObject({ rowsDone: 3, progress: 100, errors: [], mapping: up.body.suggestedMapping });
    expect(done.importedAt).toEqual(expect.any(String));
    expect(await lineActual(token, planId, lineId)).toMatchObject({ cost: '2000.00', impressions: 3000, clicks: 30, conversions: 1.5 });

    // The 1 March spend was wrong: the corrected file replaces that day instead of adding to it.
    const fixed = await send(api, token, `${uploads(clientId)}?source=telegram-ads`, RU_CSV.replace('1 234,50', '1 000,00'), 'text/csv');
    await api.post(`${uploads(clientId)}/${fixed.body.id}/import`, { mapping: {}, currency: 'RUB' }, { token });
    await imported(token, clientId, fixed.body.id);
    expect(await lineActual(token, planId, lineId)).toMatchObject({ cost: '1765.50', impressions: 3000, clicks: 30 });

    const history = await api.get(uploads(clientId), { token });
    expect(history.body.items.map((u: { id: string; status: string }) => [u.id, u.status])).toEqual([[fixed.body.id, 'imported'], [up.body.id, 'imported']]);
    expect(history.body.items[0]).not.toHaveProperty('preview');
  });

  it('reads an .xlsx with English headers under a title, a currency column and a column mapped by hand', { timeout: 90_000 }, async () => {
    const { token, clientId, planId, lineId } = await setUp();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Report');
    ws.addRow(['DSP export, March 2026']);
    ws.addRow([]);
    ws.addRow(['Date', 'Line', 'Impressions', 'Clicks', 'Spend', 'Currency']);
    ws.addRow([new Date(Date.UTC(2026, 2, 3)), 'cmp-1', 4000, 40, 1500.25, 'RUB']);
    ws.addRow([new Date(Date.UTC(2026, 2, 4)), 'cmp-1', 1000, 10, 499.75, '₽']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const up = await send(api, token, `${uploads(clientId)}?fileName=dsp.xlsx`, bytes, XLSX);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ format: 'xlsx', headerRow: 3, platform: 'upload', suggestedMapping: { Date: 'date', Line: '', Impressions: 'impressions', Clicks: 'clicks', Spend: 'cost', Currency: 'currency' } });
    expect(up.body.preview).toEqual([['2026-03-03', 'cmp-1', '4000', '40', '1500.25', 'RUB'], ['2026-03-04', 'cmp-1', '1000', '10', '499.75', '₽']]);
    // Without a campaign column there is nothing to match by.
    expectProblem(await api.post(`${uploads(clientId)}/${up.body.id}/import`, { mapping: {} }, { token }), 422, 'mapping');

    const queued = await api.post(`${uploads(clientId)}/${up.body.id}/import`, { mapping: { Line: 'campaignId' }, accountId: 'dsp-seat-7' }, { token });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    await imported(token, clientId, up.body.id);
    expect(await lineActual(token, planId, lineId)).toMatchObject({ cost: '2000.00', impressions: 5000, clicks: 50 });
  });

  it('reports every bad row by row number and column, stores the reasons, and imports nothing', async () => {
    const { token, clientId, planId, lineId } = await setUp();
    const file = 'Дата;ID кампании;Показы;Клики;Расход\n01.03.2026;cmp-1;100;1;10\n32.03.2026;cmp-1;100;1;10\n02.03.2026;cmp-1;сто;-1;10\n03.03.2026;;100;1;10\n';
    const up = await send(api, token, uploads(clientId), file, 'text/csv; charset=utf-8');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const path = `${uploads(clientId)}/${up.body.id}/import`;

    expectProblem(await api.post(path, { mapping: {} }, { token }), 422, 'currency');
    const refused = await api.post(path, { mapping: {}, currency: 'RUB' }, { token });
    expectProblem(refused, 422);
    expect(refused.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[3, 'Дата'], [4, 'Показы'], [4, 'Клики'], [5, 'ID кампании']]);
    expect(refused.body.errors[0].message).toBe('row 3: "32.03.2026" is not a date: use dd.mm.yyyy or yyyy-mm-dd');

    const stored = (await api.get(`${uploads(clientId)}/${up.body.id}`, { token })).body;
    expect(stored.status).toBe('invalid');
    expect(stored.errors).toContainEqual({ row: 4, field: 'Клики', message: 'must not be negative, got -1' });
    expect(await lineActual(token, planId, lineId)).toMatchObject({ cost: '0.00', impressions: 0 });

    expectProblem(await api.post(path, { mapping: { Нет: 'date' }, currency: 'RUB' }, { token }), 400, 'mapping.Нет');
    expectProblem(await api.post(path, { mapping: { Показы: 'clicks' }, currency: 'RUB' }, { token }), 422, 'mapping.Клики');
    expectProblem(await api.post(path, { mapping: { Дата: 'day' }, currency: 'RUB' }, { token }), 400, 'mapping.Дата');
  });

  it('refuses what is not a readable file with a 4xx problem naming what is wrong', async () => {
    const { token, clientId } = await setUp();
    expectProblem(await send(api, token, uploads(clientId), '{"a":1}', 'application/json'), 415, 'Content-Type');
    expectProblem(await send(api, token, uploads(clientId), 'Дата;Показы', 'text/plain'), 415, 'Content-Type');
    expectProblem(await send(api, token, uploads(clientId), '', 'text/csv'), 400, '(body)');
    expectProblem(await send(api, token, uploads(clientId), 'not a workbook', XLSX), 400, '(body)');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['Date']);
    expectProblem(await send(api, token, uploads(clientId), new Uint8Array(await wb.xlsx.writeBuffer()), 'text/csv'), 415, 'Content-Type');
    expectProblem(await send(api, token, `${uploads(clientId)}?source=`, 'Дата\n', 'text/csv'), 400, 'source');
    expectProblem(await send(api, token, `${uploads(clientId)}?colour=red`, 'Дата\n', 'text/csv'), 400, 'colour');
    expectProblem(await send(api, token, uploads('not-a-uuid'), 'Дата\n', 'text/csv'), 400, 'clientId');

    const tooLarge = await sendOversized(api.base, token, uploads(clientId), Number(TEST_ENV.IMPORT_LIMIT_BYTES) + 1024);
    expectProblem(tooLarge, 413, '(body)');
  });

  it('keeps uploads inside their workspace and lets viewers read but not upload', async () => {
    const { owner, token, clientId } = await setUp();
    const up = await send(api, token, uploads(clientId), RU_CSV, 'text/csv');
    const other = await register(api, 'Чужое агентство');
    const stranger = other.accessToken;
    expectProblem(await api.get(`${uploads(clientId)}/${up.body.id}`, { token: stranger }), 404);
    expectProblem(await api.get(uploads(clientId), { token: stranger }), 404);
    expectProblem(await api.post(`${uploads(clientId)}/${up.body.id}/import`, { mapping: {}, currency: 'RUB' }, { token: stranger }), 404);
    expectProblem(await send(api, stranger, uploads(clientId), RU_CSV, 'text/csv'), 404);
    // The stranger's own client does not open the door to this upload either.
    const theirs = await api.post('/api/v1/clients', { name: 'Их клиент' }, { token: stranger });
    expectProblem(await api.get(`${uploads(theirs.body.id)}/${up.body.id}`, { token: stranger }), 404);

    const viewer = await addMember(api, owner, 'viewer');
    expect((await api.get(uploads(clientId), { token: viewer.token })).body.items).toHaveLength(1);
    expectProblem(await send(api, viewer.token, uploads(clientId), RU_CSV, 'text/csv'), 403);
    const buyer = await addMember(api, owner, 'buyer');
    expect((await send(api, buyer.token, uploads(clientId), RU_CSV, 'text/csv')).status).toBe(201);
  });

  it.runIf(backend === 'postgres')('records the uploaded campaigns with their names for the client, and the file is readable only inside its tenant', { timeout: 90_000 }, async () => {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token });
    const up = await send(api, token, `/api/v1/clients/${c.body.id}/actual-uploads?source=${encodeURIComponent('Хабр')}`, RU_CSV, 'text/csv');
    await api.post(`/api/v1/clients/${c.body.id}/actual-uploads/${up.body.id}/import`, { mapping: {}, currency: 'RUB' }, { token });
    await until(async () => (await api.get(`/api/v1/clients/${c.body.id}/actual-uploads/${up.body.id}`, { token })).body.status === 'imported', 30_000);

    const tableOwner = new pg.Client({ connectionString: db!.ownerUrl });
    await tableOwner.connect();
    try {
      const { rows } = await tableOwner.query('select platform, account_id, campaign_id, name, first_date::text, last_date::text, source_id from platform_campaigns where tenant_id = $1 order by campaign_id', [owner.tenantId]);
      expect(rows).toEqual([
        { platform: 'хабр', account_id: 'хабр', campaign_id: 'cmp-1', name: 'Весна', first_date: '2026-03-01', last_date: '2026-03-02', source_id: up.body.id },
        { platform: 'хабр', account_id: 'хабр', campaign_id: 'cmp-2', name: 'Осень', first_date: '2026-03-01', last_date: '2026-03-01', source_id: up.body.id },
      ]);
      // Row-level security: the application role sees the upload only with its tenant set.
      const app = new pg.Client({ connectionString: db!.appUrl });
      await app.connect();
      try {
        await app.query('begin');
        await app.query(`select set_config('app.tenant_id', $1, true)`, [crypto.randomUUID()]);
        expect((await app.query('select count(*)::int as n from actual_uploads')).rows[0].n).toBe(0);
        await app.query(`select set_config('app.tenant_id', $1, true)`, [owner.tenantId]);
        expect((await app.query('select count(*)::int as n from actual_uploads')).rows[0].n).toBe(1);
        await app.query('rollback');
      } finally {
        await app.end();
      }
    } finally {
      await tableOwner.end();
    }
  });
});
