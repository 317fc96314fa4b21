import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, register, type Api, type Workspace } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXAMPLE = new URL('../standards/mediaplanschema-3.0/example_mediaplan_v3.0.json', import.meta.url);

const richLine = (i: number) => ({
  name: `Яндекс Директ — поиск ${i}`,
  code: `li-${i}`,
  startDate: '2027-03-01',
  endDate: '2027-05-15',
  costTotal: `${125000 + i}.50`,
  channel: 'Digital',
  partner: 'Яндекс',
  vehicle: 'Яндекс Директ',
  mediaProduct: 'Поиск',
  adformat: 'Текстово-графическое',
  pricingModel: 'cpc',
  rate: '35.5000',
  plannedUnits: '3521.00',
  costMedia: '110000.00',
  costBuying: '15000.50',
  metricClicks: 3521,
  metricImpressions: 250000,
  dimCustom1: 'Весна',
  erid: `Kra23${i}abc`,
  externalIds: ['direct-123', `direct-${i}`],
  flighting: { type: 'monthly', weights: ['50', '30', '20'] },
  customProperties: { note: 'keep me' },
});

async function newPlan(api: Api, owner: Workspace, name = 'Весна 2027') {
  const token = owner.accessToken;
  const c = (await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token })).body;
  const p = (await api.post('/api/v1/projects', { clientId: c.id, name: 'P', currency: 'RUB' }, { token })).body;
  return (await api.post('/api/v1/media-plans', { projectId: p.id, name, agencyCommission: '10' }, { token })).body.id as string;
}

async function download(api: Api, token: string, path: string) {
  const res = await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function upload(api: Api, token: string, planId: string, body: Buffer | string, type: string, query = '') {
  const res = await fetch(`${api.base}/api/v1/media-plans/${planId}/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** What a line says, leaving out what a copy never shares (id, plan, position, version, timestamps). */
const content = (l: Record<string, unknown>) => {
  const { id: _i, planId: _p, position: _o, version: _v, createdAt: _c, updatedAt: _u, ...rest } = l;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)));
};

describe.each(['postgres', 'pglite'] as const)('import and export on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('round-trips a plan through Excel: export, import into another plan, same lines', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const source = await newPlan(api, owner);
    await api.post(`/api/v1/media-plans/${source}/line-items/bulk`, { items: [richLine(1), richLine(2), richLine(3)] }, { token });
    const file = await download(api, token, `/api/v1/media-plans/${source}/export?format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Весна 2027.xlsx')}`);

    const target = await newPlan(api, owner, 'Copy');
    const imported = await upload(api, token, target, file.body, XLSX);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ format: 'xlsx', rows: 3, applied: true, created: 3 });
    const [a, b] = await Promise.all([source, target].map(async (id) => (await api.get(`/api/v1/media-plans/${id}/line-items`, { token })).body.items.map(content)));
    expect(b).toEqual(a);

    // Replacing the same plan with its own export changes nothing and keeps the line ids.
    const before = (await api.get(`/api/v1/media-plans/${source}/line-items`, { token })).body.items;
    const again = await upload(api, token, source, file.body, XLSX, '?mode=replace');
    expect(again.body).toMatchObject({ updated: 3, created: 0, deleted: 0 });
    const after = (await api.get(`/api/v1/media-plans/${source}/line-items`, { token })).body.items;
    expect(after.map((l: { id: string }) => l.id)).toEqual(before.map((l: { id: string }) => l.id));
    expect(after.map(content)).toEqual(before.map(content));
  });

  it('round-trips a plan through the open standard, and imports the publisher’s example', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const source = await newPlan(api, owner);
    await api.post(`/api/v1/media-plans/${source}/line-items/bulk`, { items: [richLine(1), richLine(2)] }, { token });
    const doc = await download(api, token, `/api/v1/media-plans/${source}/export?format=json`);
    expect(doc.status).toBe(200);
    const parsed = JSON.parse(doc.body.toString('utf8'));
    expect(parsed.meta.schema_version).toBe('3.0');
    expect(parsed.lineitems.map((l: { id: string }) => l.id)).toEqual(['li-1', 'li-2']);

    const target = await newPlan(api, owner, 'Copy');
    const imported = await upload(api, token, target, doc.body, 'application/json');
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const [a, b] = await Promise.all([source, target].map(async (id) => (await api.get(`/api/v1/media-plans/${id}/line-items`, { token })).body.items.map(content)));
    expect(b).toEqual(a);

    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const ex = await newPlan(api, owner, 'Example');
    const res = await upload(api, token, ex, JSON.stringify(example), 'application/json', '?mode=replace');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toBe(example.lineitems.length);
    const lines = (await api.get(`/api/v1/media-plans/${ex}/line-items`, { token })).body.items;
    expect(lines[0]).toMatchObject({ code: example.lineitems[0].id, name: example.lineitems[0].name, costTotal: Number(example.lineitems[0].cost_total).toFixed(2) });
  });

  it('reports every bad row and column of a file and changes nothing', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const planId = await newPlan(api, owner);
    await api.post(`/api/v1/media-plans/${planId}/line-items`, richLine(1), { token });
    const csv = '\uFEFFНазвание;Канал;Начало;Окончание;Бюджет\nПервый канал;TV;01.03.2027;31.03.2027;1 500 000,00\nВК;Digital;32.03.2027;31.03.2027;много\n';
    const bad = await upload(api, token, planId, csv, 'text/csv', '?mode=replace');
    expectProblem(bad, 400);
    const where = bad.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(['3:Начало', '3:Бюджет']));
    expect((await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items).toHaveLength(1);

    const good = csv.replace('32.03.2027', '01.03.2027').replace('много', '250 000,50');
    const dry = await upload(api, token, planId, good, 'text/csv', '?dryRun=true');
    expect(dry.body).toMatchObject({ applied: false, rows: 2, mapping: { Название: 'name', Канал: 'channel', Начало: 'startDate', Окончание: 'endDate', Бюджет: 'costTotal' } });
    expect((await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items).toHaveLength(1);
    const applied = await upload(api, token, planId, good, 'text/csv');
    expect(applied.body).toMatchObject({ applied: true, created: 2 });
    const costs = (await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items.map((l: { costTotal: string }) => l.costTotal);
    expect(costs).toEqual(['125001.50', '1500000.00', '250000.50']);

    const brokenDoc = { meta: { id: 'x' }, campaign: {}, lineitems: [{ id: 'a', name: 'n', start_date: '2027-01-01', end_date: '2027-01-02', cost_total: 'lots' }] };
    const badDoc = await upload(api, token, planId, JSON.stringify(brokenDoc), 'application/json');
    expectProblem(badDoc, 400, '/lineitems/0/cost_total');
    expectProblem(await upload(api, token, planId, 'hello', 'text/plain'), 415);
  });

  it('exports a frozen version, and keeps other tenants out', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const planId = await newPlan(api, owner);
    await api.post(`/api/v1/media-plans/${planId}/line-items`, richLine(1), { token });
    await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token });
    await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token });
    await api.post(`/api/v1/media-plans/${planId}/line-items`, richLine(2), { token });
    const v1 = JSON.parse((await download(api, token, `/api/v1/media-plans/${planId}/export?format=json&version=1`)).body.toString('utf8'));
    expect(v1.lineitems).toHaveLength(1);
    const now = JSON.parse((await download(api, token, `/api/v1/media-plans/${planId}/export?format=json`)).body.toString('utf8'));
    expect(now.lineitems).toHaveLength(2);
    expect((await download(api, token, `/api/v1/media-plans/${planId}/export?format=xlsx&version=7`)).status).toBe(404);

    const other = await register(api);
    expect((await download(api, other.accessToken, `/api/v1/media-plans/${planId}/export?format=xlsx`)).status).toBe(404);
    expect((await upload(api, other.accessToken, planId, readFileSync(EXAMPLE, 'utf8'), 'application/json')).status).toBe(404);
  });
});
