import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, register, type Api } from './helpers.js';
import { freshDatabase, migrateAndCreateLogin } from './setup/global.js';
import { startRedis, stopProcess, until } from './setup/processes.js';
import { freePort, startServer, type RunningServer } from './setup/servers.js';
import { startSmtpSink } from './setup/smtp-sink.js';

/** A plan with `lines` lines, submitted and approved: what a media-plan report reads. */
async function approvedPlan(api: Api, token: string, lines: number): Promise<string> {
  const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token });
  const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна', currency: 'RUB' }, { token });
  const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Большой план' }, { token });
  const items = Array.from({ length: lines }, (_, i) => ({ name: `Строка ${i + 1} — охват`, channel: ['Digital', 'TV', 'OOH'][i % 3], partner: ['VK', 'Яндекс', 'Gallery'][i % 3], startDate: '2027-03-01', endDate: '2027-03-31', costTotal: `${1000 + i}.25` }));
  expect((await api.post(`/api/v1/media-plans/${plan.body.id}/line-items/bulk`, { items }, { token })).status).toBeLessThan(300);
  expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token })).status).toBe(200);
  expect((await api.post(`/api/v1/media-plans/${plan.body.id}/approve`, {}, { token })).status).toBe(200);
  return plan.body.id;
}

describe('a worker killed in the middle of a report', () => {
  it('completes the report once after a restart, and sends one email', { timeout: 240_000 }, async () => {
    const sink = await startSmtpSink();
    const env = {
      MRM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'mrm-report-crash-')), 'data'),
      REDIS_PREFIX: `{mrmreportcrash-${process.pid}-${Date.now()}}`,
      OUTBOX_POLL_MS: '100',
      WORKER_LOCK_MS: '2000',
      SMTP_URL: sink.url,
    };
    let server = await startServer(env);
    try {
      let api = client(server.url);
      const owner = await register(api, 'Агентство');
      const token = owner.accessToken;
      // Long enough to lay out that the worker is still at it when it is killed.
      const planId = await approvedPlan(api, token, 3000);
      const created = await api.post('/api/v1/reports', { type: 'media-plan', format: 'pdf', params: { planId } }, { token });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const status = async () => (await api.get(`/api/v1/reports/${created.body.id}`, { token })).body;
      await until(async () => (await status()).status === 'running', 60_000);

      expect(await server.stop('SIGKILL')).toBeNull();
      server = await startServer(env);
      api = client(server.url);
      expect((await status()).status).toBe('running');
      let run: any;
      await until(async () => {
        run = await status();
        return run.status === 'done' || run.status === 'failed';
      }, 120_000);
      expect(run).toMatchObject({ status: 'done', progress: 100 });
      const ready = () => sink.inbox.filter((m) => m.subject.startsWith('Отчёт готов'));
      await until(async () => ready().length > 0, 30_000);
      // A moment more: a second mail would show up now if the crash doubled the job.
      await new Promise((r) => setTimeout(r, 1500));
      expect(ready()).toHaveLength(1);
      expect(ready()[0].subject).toContain('Большой план');
      const notes = (await api.get('/api/v1/notifications', { token })).body.items.filter((n: { kind: string }) => n.kind === 'report-ready');
      expect(notes).toHaveLength(1);
      const file = await fetch(`${server.url}/api/v1/reports/${run.id}/download`, { headers: { authorization: `Bearer ${token}` } });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
    } finally {
      await server.stop();
      await sink.close();
    }
  });
});

// Two processes on one PostgreSQL database, one Redis and one S3 bucket, as two worker pods would
// be: a due schedule makes one run, whoever does the work the file is where the API finds it, and
// retention deletes it.
describe('reports with two workers', () => {
  let s3: { close(): Promise<void> };
  let redis: ChildProcess;
  let redisPort: number;
  let api: Api;
  let a: RunningServer;
  let b: RunningServer;
  let ownerUrl: string;

  const sql = async (text: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    const S3rver = (await import('s3rver')).default;
    const dir = mkdtempSync(join(tmpdir(), 'mrm-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'mrm-reports', configs: [] }] });
    const { port } = (await server.run()) as { port: number };
    s3 = server;
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const db = await freshDatabase();
    await migrateAndCreateLogin(db.ownerUrl);
    ownerUrl = db.ownerUrl;
    const shared = {
      DATABASE_URL: db.appUrl, MRM_MIGRATE_ON_START: 'false', REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: `{mrmtwo-${redisPort}}`,
      S3_BUCKET: 'mrm-reports', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
      OUTBOX_POLL_MS: '100', REPORT_SCHEDULER_MS: '100', REPORT_RETENTION_SWEEP_MS: '200',
    };
    [a, b] = await Promise.all([startServer({ ...shared, MRM_ROLE: 'all' }, { timeoutMs: 120_000 }), startServer({ ...shared, MRM_ROLE: 'worker' }, { timeoutMs: 120_000 })]);
    api = client(a.url);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stopProcess(redis);
    await s3?.close();
  });

  it('runs a due schedule once, however many workers see it, and retention deletes the file', async () => {
    const owner = await register(api, 'Агентство');
    const token = owner.accessToken;
    const planId = await approvedPlan(api, token, 5);
    const schedule = await api.post('/api/v1/report-schedules', { name: 'Каждый понедельник', report: { type: 'media-plan', format: 'xlsx', params: { planId } }, cron: '0 9 * * 1', timezone: 'Europe/Moscow', recipients: ['cmo@example.test'] }, { token });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    const runs = async () => (await api.get(`/api/v1/reports?scheduleId=${schedule.body.id}`, { token })).body.items;

    for (const round of [1, 2]) {
      // Due now: both workers' schedulers see it within 100 ms of each other, again and again.
      await sql('update report_schedules set next_run_at = now() - interval \'1 second\' where id = $1', [schedule.body.id]);
      await until(async () => (await runs()).length >= round, 30_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await runs()).toHaveLength(round);
    }
    const after = (await api.get(`/api/v1/report-schedules/${schedule.body.id}`, { token })).body;
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(after.lastRunAt).toEqual(expect.any(String));

    let run: any;
    await until(async () => {
      [run] = await runs();
      return run.status === 'done';
    }, 60_000);
    expect(run).toMatchObject({ scheduleId: schedule.body.id, requestedBy: { id: owner.userId } });
    const link = await fetch(`${a.url}/api/v1/reports/${run.id}/download`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    expect(link.status).toBe(302);
    const location = link.headers.get('location')!;
    expect(location).toContain('/mrm-reports/');
    expect((await fetch(location)).status).toBe(200);

    await sql('update report_runs set expires_at = now() - interval \'1 second\' where id = $1', [run.id]);
    await until(async () => (await api.get(`/api/v1/reports/${run.id}`, { token })).body.status === 'expired', 30_000);
    expect((await fetch(location)).status).toBe(404);
    const gone = await api.get(`/api/v1/reports/${run.id}/download`, { token });
    expect(gone.status).toBe(410);
  }, 120_000);

  it('takes a request while Redis is down and makes the report when it is back', async () => {
    const owner = await register(api, 'Агентство без Redis');
    const token = owner.accessToken;
    const planId = await approvedPlan(api, token, 3);
    await stopProcess(redis);
    try {
      const created = await api.post('/api/v1/reports', { type: 'media-plan', format: 'csv', params: { planId } }, { token });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      await new Promise((r) => setTimeout(r, 500));
      expect((await api.get(`/api/v1/reports/${created.body.id}`, { token })).body.status).toBe('queued');
      redis = await startRedis(redisPort);
      await until(async () => (await api.get(`/api/v1/reports/${created.body.id}`, { token })).body.status === 'done', 60_000);
    } finally {
      if (redis.exitCode !== null) redis = await startRedis(redisPort);
    }
  }, 120_000);
});
