import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, client, PASSWORD, register, uniqueEmail, type Api } from './helpers.js';
import { startRedis, stopProcess, until } from './setup/processes.js';
import { freePort, startServer, type RunningServer } from './setup/servers.js';

/** The approval requests the worker wrote (invitations go to the same folder), parsed as a mail client would. */
async function mails(server: RunningServer): Promise<Array<{ to: string; subject: string; text: string }>> {
  const folder = join(dirname(server.logFile), 'data', 'mail-outbox');
  if (!existsSync(folder)) return [];
  const { simpleParser } = await import('mailparser');
  const all = await Promise.all(readdirSync(folder).filter((f) => f.endsWith('.eml')).map(async (f) => {
    const m = await simpleParser(readFileSync(join(folder, f)));
    const to = [m.to ?? []].flat().flatMap((a) => a.value).map((v) => `${v.name} <${v.address}>`).join(', ');
    return { to, subject: m.subject ?? '', text: m.text ?? '' };
  }));
  return all.filter((m) => /^(На согласование|For approval)/.test(m.subject));
}

async function submittedPlan(api: Api, token: string, name: string): Promise<string> {
  const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token });
  const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна' }, { token });
  const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name }, { token });
  await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, { token });
  const submitted = await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return plan.body.id;
}

describe('jobs: written with the change, moved by the relay, run by the worker', () => {
  let redisPort: number;
  let redis: ChildProcess;
  let server: RunningServer;
  let api: Api;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    server = await startServer({ REDIS_URL: `redis://127.0.0.1:${redisPort}`, OUTBOX_POLL_MS: '100', WEB_ORIGIN: 'https://app.example.test' });
    api = client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await stopProcess(redis);
  });

  it('mails every member who may approve a submitted plan, in their own language, exactly once', async () => {
    const owner = await register(api, 'Агентство');
    const adminEmail = uniqueEmail('admin');
    const invite = await api.post('/api/v1/invitations', { email: adminEmail, role: 'admin' }, { token: owner.accessToken });
    const joined = await api.post('/api/v1/invitations/accept', { token: invite.body.token, name: 'Admin', password: PASSWORD });
    expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
    await api.patch('/api/v1/me', { locale: 'en' }, { token: joined.body.accessToken });
    const planner = await api.post('/api/v1/invitations', { email: uniqueEmail('planner'), role: 'planner' }, { token: owner.accessToken });
    await api.post('/api/v1/invitations/accept', { token: planner.body.token, name: 'Planner', password: PASSWORD });

    const planId = await submittedPlan(api, owner.accessToken, 'Медиаплан весна');
    await until(async () => (await mails(server)).length >= 2);
    // A moment more: a duplicate would show up now if the relay or a retry doubled the job.
    await new Promise((r) => setTimeout(r, 800));
    const got = (await mails(server)).sort((a, b) => a.to.localeCompare(b.to));
    expect(got.map((m) => m.to)).toEqual([`Admin <${adminEmail}>`, `Owner <${owner.email}>`].sort());
    const en = got.find((m) => m.to.includes(adminEmail))!;
    const ru = got.find((m) => m.to.includes(owner.email))!;
    expect(en.subject).toBe('For approval: "Медиаплан весна", version 1');
    expect(ru.subject).toBe('На согласование: «Медиаплан весна», версия 1');
    expect(ru.text).toContain(`https://app.example.test/plans/${planId}`);
  });

  it('takes the submission while Redis is down and delivers the job when it is back', async () => {
    const owner = await register(api, 'Агентство без Redis');
    const before = (await mails(server)).length;
    await stopProcess(redis);
    const planId = await submittedPlan(api, owner.accessToken, 'План при недоступном Redis');
    await new Promise((r) => setTimeout(r, 500));
    expect((await mails(server)).length).toBe(before);
    redis = await startRedis(redisPort);
    await until(async () => (await mails(server)).some((m) => m.text.includes(planId)), 30_000);
    expect((await mails(server)).filter((m) => m.text.includes(planId))).toHaveLength(1);
  });
});

describe('failed jobs, for admins to see and retry', () => {
  let server: RunningServer;
  let api: Api;
  beforeAll(async () => {
    server = await startServer({ OUTBOX_POLL_MS: '100' });
    api = client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('records a job that cannot succeed as failed without retrying it, lists it to its workspace only, and retries it on request', async () => {
    const owner = await register(api, 'Агентство');
    const other = await register(api, 'Чужое агентство');
    const { Queue } = await import('bullmq');
    const queue = new Queue('email', { connection: { port: Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379) }, prefix: `{mrmtest-${server.port}}:bull` });
    const planId = crypto.randomUUID();
    // A plan that does not exist: a permanent failure, recorded after the first try.
    await queue.add('plan.review-requested', { tenantId: owner.tenantId, planId, version: 1 }, { jobId: `test.${planId}`, attempts: 5, backoff: { type: 'fixed', delay: 100 } });
    let listed: { status: number; body: any } = { status: 0, body: null };
    await until(async () => {
      listed = await api.get('/api/v1/admin/jobs', { token: owner.accessToken });
      return listed.body?.items?.length === 1;
    });
    expect(listed.body.items[0]).toMatchObject({ id: `test.${planId}`, queue: 'email', name: 'plan.review-requested', state: 'failed', attemptsMade: 1, attempts: 5, failedReason: `plan ${planId} is gone` });
    expect((await api.get('/api/v1/admin/jobs', { token: other.accessToken })).body.items).toEqual([]);
    expect((await api.post(`/api/v1/admin/jobs/email/test.${planId}/retry`, undefined, { token: other.accessToken })).status).toBe(404);

    const retried = await api.post(`/api/v1/admin/jobs/email/test.${planId}/retry`, undefined, { token: owner.accessToken });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    await until(async () => (await api.get('/api/v1/admin/jobs', { token: owner.accessToken })).body.items[0]?.attemptsMade === 2);
    const again = await api.post(`/api/v1/admin/jobs/email/test.${planId}/retry`, undefined, { token: owner.accessToken });
    expect(again.status === 201 || again.status === 409).toBe(true);
    await queue.close();
  });

  it('names the field of a bad filter or queue, and keeps the list from roles without jobs:manage', async () => {
    const owner = await register(api, 'Агентство');
    const bad = await api.get('/api/v1/admin/jobs?state=stuck', { token: owner.accessToken });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('state');
    const queue = await api.post('/api/v1/admin/jobs/mail/x/retry', undefined, { token: owner.accessToken });
    expect(queue.status).toBe(400);
    expect(queue.body.errors[0].field).toBe('queue');
    const { token } = await addMember(api, owner, 'planner');
    expect((await api.get('/api/v1/admin/jobs', { token })).status).toBe(403);
  });
});

describe('the job catalogue and its handlers', () => {
  it('refuses a job without a handler, one with two, and a handler for no job', async () => {
    const { checkHandlers } = await import('../dist/jobs/handlers.js');
    const { JOBS } = await import('../dist/jobs/catalogue.js');
    const names = Object.keys(JOBS);
    expect(names).toContain('connection.sync');
    const all = names.map((name) => ({ name, run: async () => undefined }));
    expect(() => checkHandlers([])).toThrow(`no handler for the job(s) ${names.map((n) => `"${n}"`).join(', ')}`);
    expect(() => checkHandlers(all.slice(1))).toThrow(`no handler for the job(s) "${names[0]}"`);
    expect(() => checkHandlers([...all, all[0]])).toThrow(`two handlers for the job "${names[0]}"`);
    expect(() => checkHandlers([...all, { ...all[0], name: 'plan.nonsense' }])).toThrow('a handler for "plan.nonsense", which is no job of the catalogue');
    expect(checkHandlers(all).size).toBe(names.length);
  });
});
