import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, register, type Api } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer, type RunningServer } from './setup/servers.js';

// A connection synced end to end: API → outbox → relay → worker → connector → simulator →
// batched writer → analytics store, and read back through the API.
describe('syncing a connection from a sandbox platform', () => {
  let sim: { url: string; close(): Promise<void>; expectedDaily(account: string, from: string, to: string): unknown[] };
  let server: RunningServer;
  let api: Api;
  let sumRows: (rows: unknown[]) => { impressions: number; clicks: number; costMicros: number; rows: number };

  beforeAll(async () => {
    const sims = await import('@mrm/simulators');
    sumRows = sims.sumRows as never;
    sim = (await sims.startVkAds({})) as never;
    server = await startServer({ VK_ADS_API_URL: sim.url, VK_ADS_RATE_LIMIT: 'off', OUTBOX_POLL_MS: '100', SYNC_SCHEDULER_MS: '300' });
    api = client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  async function finished(token: string, connectionId: string, runId: string) {
    let run: any;
    await until(async () => {
      run = (await api.get(`/api/v1/connections/${connectionId}/runs`, { token })).body.items.find((r: { id: string }) => r.id === runId);
      return run?.status === 'succeeded' || run?.status === 'failed';
    }, 60_000);
    return run;
  }

  it('reads every row once, the totals equal the platform\'s, and a second sync replaces instead of doubling', { timeout: 90_000 }, async () => {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token });
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK Ads', clientId: c.body.id, accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } }, { token });
    expect(conn.status, JSON.stringify(conn.body)).toBe(201);

    const queued = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', accountsTotal: 1, progress: 0 });
    const run = await finished(token, conn.body.id, queued.body.id);
    expect(run, JSON.stringify(run)).toMatchObject({ status: 'succeeded', progress: 100, accountsDone: 1, error: null });
    const want = sumRows(sim.expectedDaily('900001', run.from, run.to));
    expect(run.rows).toBe(want.rows);

    const stats = async () => (await api.get(`/api/v1/connections/${conn.body.id}/stats?from=${run.from}&to=${run.to}`, { token })).body;
    const first = await stats();
    expect(first.totals).toEqual([{ currency: 'RUB', impressions: want.impressions, clicks: want.clicks, cost: (want.costMicros / 1e6).toFixed(2), conversions: expect.any(Number) }]);
    expect((await api.get(`/api/v1/connections/${conn.body.id}`, { token })).body.lastSyncAt).not.toBeNull();

    const again = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token });
    const second = await finished(token, conn.body.id, again.body.id);
    expect(second.status).toBe('succeeded');
    // Only the re-read window this time, and the stored totals are the same, not twice as large.
    expect(second.from > run.from).toBe(true);
    expect((await stats()).totals).toEqual(first.totals);
  });

  it('syncs a new connection on its schedule without being asked', { timeout: 60_000 }, async () => {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token });
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK Ads', clientId: c.body.id, accounts: [{ id: '900002' }], credentials: { accessToken: 'sandbox-vk-token-2' }, scheduleMinutes: 15 }, { token });
    let runs: Array<{ trigger: string; status: string }> = [];
    await until(async () => {
      runs = (await api.get(`/api/v1/connections/${conn.body.id}/runs`, { token })).body.items;
      return runs.some((r) => r.status === 'succeeded');
    }, 45_000);
    // Synced now, so not due again for 15 minutes: one run, however many passes the scheduler made.
    await new Promise((r) => setTimeout(r, 1000));
    runs = (await api.get(`/api/v1/connections/${conn.body.id}/runs`, { token })).body.items;
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([['schedule', 'succeeded']]);
  });

  it('fails a sync whose credentials the platform rejects, saying why, without retrying it', async () => {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token });
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK Ads', clientId: c.body.id, accounts: [{ id: '900001' }], credentials: { accessToken: 'not-a-real-token' } }, { token });
    const queued = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token });
    const run = await finished(token, conn.body.id, queued.body.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, rows: 0 });
    const tested = await api.post(`/api/v1/connections/${conn.body.id}/test`, undefined, { token });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, accounts: [{ id: '900001', ok: false, errorKind: expect.stringMatching(/auth/) }] });
    const fixed = await api.patch(`/api/v1/connections/${conn.body.id}`, { credentials: { accessToken: 'sandbox-vk-token-1' } }, { token, headers: { 'if-match': '"v1"' } });
    expect(fixed.status).toBe(200);
    expect((await api.post(`/api/v1/connections/${conn.body.id}/test`, undefined, { token })).body).toEqual({ ok: true, accounts: [{ id: '900001', ok: true, error: null, errorKind: null }] });
    expect(run.errorKind).toMatch(/auth/);
    expect((await api.get('/api/v1/admin/jobs', { token })).body.items.map((j: { name: string }) => j.name)).toContain('connection.sync');
  });
});

describe('the sync scheduler with two workers', () => {
  it('queues one run and one job per connection and slot, whichever worker gets there first', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { EmbeddedDatabase } = await import('../dist/db/pglite.js');
    const { migrateEmbedded } = await import('../dist/db/migrate.js');
    const { SyncScheduler } = await import('../dist/connections/sync-scheduler.js');
    const dir = mkdtempSync(join(tmpdir(), 'mrm-sched-'));
    const db = await EmbeddedDatabase.open(dir);
    try {
      await migrateEmbedded(db);
      const [t, c, conn] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await db.client.exec(`insert into tenants (id, name, slug) values ('${t}', 't', 't-${t}');
        insert into clients (id, tenant_id, name) values ('${c}', '${t}', 'c');
        insert into connections (id, tenant_id, client_id, platform, name, accounts, credentials, credential_fields, key_id, schedule_minutes)
          values ('${conn}', '${t}', '${c}', 'vk_ads', 'VK', '[{"id":"1"}]', 'x', '["accessToken"]', 'k', 60);`);
      const logger = { warn: () => undefined } as never;
      let now = Date.parse('2027-03-01T10:05:00Z');
      const a = new SyncScheduler(db, logger, 1000, () => now);
      const b = new SyncScheduler(db, logger, 1000, () => now);
      expect((await Promise.all([a.pass(), b.pass()])).reduce((x, y) => x + y)).toBe(1);
      const counts = async () => (await db.client.query<{ runs: number; jobs: number }>(`select (select count(*)::int from sync_runs) as runs, (select count(*)::int from outbox where name = 'connection.sync') as jobs`)).rows[0];
      expect(await counts()).toEqual({ runs: 1, jobs: 1 });
      // The run fails and the next slot comes: one more run, still one per slot.
      await db.client.exec(`update sync_runs set status = 'failed'`);
      expect(await a.pass()).toBe(0);
      now += 60 * 60_000;
      expect((await Promise.all([a.pass(), b.pass()])).reduce((x, y) => x + y)).toBe(1);
      expect(await counts()).toEqual({ runs: 2, jobs: 2 });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the demo workspace on the sandboxes (npm start)', () => {
  it('connects the demo client to all four platform simulators and syncs each', { timeout: 90_000 }, async () => {
    const { startAll } = await import('@mrm/simulators');
    const sims = await startAll();
    const server = await startServer({
      MRM_SEED_DEMO: 'true', MRM_DEMO_SANDBOX: 'true', OUTBOX_POLL_MS: '100',
      GOOGLE_ADS_API_URL: sims.google.url, GOOGLE_ADS_TOKEN_URL: `${sims.google.url}/token`, META_API_URL: sims.meta.url,
      YANDEX_DIRECT_API_URL: sims.yandex.url, VK_ADS_API_URL: sims.vk.url,
    });
    try {
      const api = client(server.url);
      // The demo is seeded just after the server starts listening: wait for it and its connections.
      let token = '';
      let list: Array<{ id: string; platform: string }> = [];
      await until(async () => {
        token ||= (await api.post('/api/v1/auth/login', { email: 'demo@mrm.local', password: 'demo-password' })).body.accessToken ?? '';
        list = token ? ((await api.get('/api/v1/connections', { token })).body.items ?? []) : [];
        return list.length === 4;
      }, 30_000);
      expect(list.map((c) => c.platform).sort()).toEqual(['google_ads', 'meta', 'vk_ads', 'yandex_direct']);
      await until(async () => {
        const runs = await Promise.all(list.map(async (c) => (await api.get(`/api/v1/connections/${c.id}/runs`, { token })).body.items[0]?.status));
        return runs.every((s) => s === 'succeeded');
      }, 80_000);
      for (const c of list) expect((await api.get(`/api/v1/connections/${c.id}/stats`, { token })).body.totals[0].impressions).toBeGreaterThan(0);
      // The running demo plan's lines are matched to the sandbox campaigns: each shows delivery and pacing.
      const plans = (await api.get('/api/v1/media-plans?limit=50', { token })).body.items as Array<{ id: string; name: string }>;
      const live = plans.find((p) => p.name === 'Digital: VK и Яндекс (идёт)')!;
      const perf = (await api.get(`/api/v1/media-plans/${live.id}/performance`, { token })).body;
      expect(perf.groups).toHaveLength(8);
      for (const g of perf.groups.filter((x: { label: string }) => x.label !== 'Яндекс — видео, охват')) {
        expect(g.matched, g.label).toBe(true);
        expect(Number(g.actual.cost), g.label).toBeGreaterThan(0);
        expect(['on_pace', 'over', 'under']).toContain(g.pacing.status);
      }
      // The live plan is approved and running, so it counts on the overview…
      expect((await api.get(`/api/v1/media-plans/${live.id}`, { token })).body).toMatchObject({ status: 'active', approvedVersion: 1 });
      const overview = (await api.get('/api/v1/dashboard/pacing', { token })).body;
      expect(overview.currencies.find((c: { currency: string }) => c.currency === 'RUB')).toMatchObject({ plans: 1 });
      // …and its one unmatched line is offered the sandbox campaign its name describes.
      const matching = (await api.get(`/api/v1/media-plans/${live.id}/matching`, { token })).body;
      const open = matching.lines.find((l: { name: string }) => l.name === 'Яндекс — видео, охват');
      expect(open.campaignIds).toEqual([]);
      expect(open.suggestions[0]).toMatchObject({ platform: 'yandex_direct', campaignId: '70000031', name: 'Видео — охват' });
    } finally {
      await server.stop();
      await sims.close();
    }
  });
});
