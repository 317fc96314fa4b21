import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addMember, client, expectProblem, PASSWORD, register, uniqueEmail, type Api, type Workspace } from './helpers.js';
import { freshDatabase, migrateAndCreateLogin } from './setup/global.js';
import { PG_ADMIN_URL } from './setup/servers.js';
import { until } from './setup/processes.js';
import { startServer, type RunningServer } from './setup/servers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './setup/smtp-sink.js';

type Received = ReceivedMail;

const WEB = 'https://app.example.test';
const NEW_PASSWORD = 'a brand new passphrase';

/*
 * Every email the platform sends, delivered to a real SMTP server (a sink started here) and parsed
 * as a mail client would. The server has a database of its own, so the test can age a reset link.
 */
describe('emails over SMTP', () => {
  let sink: SmtpSink;
  let inbox: Received[] = [];
  let server: RunningServer;
  let api: Api;
  let owner: pg.Client;
  let dbName: string;

  const mailTo = (email: string) => inbox.filter((m) => m.to.includes(email));
  async function waitForMail(email: string, match: (m: Received) => boolean = () => true, ms = 30_000): Promise<Received> {
    await until(async () => mailTo(email).some(match), ms);
    return mailTo(email).find(match)!;
  }
  /** Waits until every email job of the workspace has finished (none waiting, delayed or running). */
  async function emailJobsSettled(ws: Workspace): Promise<void> {
    await until(async () => {
      for (const state of ['waiting', 'delayed', 'active']) {
        const r = await api.get(`/api/v1/admin/jobs?state=${state}&queue=email`, { token: ws.accessToken });
        if (r.status !== 200 || r.body.items.length) return false;
      }
      const pending = await owner.query('select count(*)::int as n from outbox where dispatched = false and tenant_id = $1', [ws.tenantId]);
      return pending.rows[0].n === 0;
    }, 30_000);
  }
  const linkIn = (m: Received, path: string) => {
    const found = m.text.match(new RegExp(`${WEB.replace(/[.]/g, '\\.')}${path}\\?token=([A-Za-z0-9_%.-]+)`));
    expect(found, m.text).not.toBeNull();
    return decodeURIComponent(found![1]);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    inbox = sink.inbox;
    const db = await freshDatabase();
    dbName = db.name;
    await migrateAndCreateLogin(db.ownerUrl);
    owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    server = await startServer(
      { DATABASE_URL: db.appUrl, DATABASE_MIGRATION_URL: db.ownerUrl, MRM_MIGRATE_ON_START: 'false', SMTP_URL: sink.url, OUTBOX_POLL_MS: '100', WEB_ORIGIN: WEB },
      { timeoutMs: 120_000 },
    );
    api = client(server.url);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await owner?.end();
    await sink?.close();
    if (dbName) {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  it('resets a password with the emailed link, once; the old password and old sessions stop working', async () => {
    const ws = await register(api, 'Агентство «Сброс»');
    expect((await api.patch('/api/v1/me', { locale: 'en' }, { token: ws.accessToken })).status).toBe(200);
    const asked = await api.post('/api/v1/auth/password-reset', { email: ws.email.toUpperCase() });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: 'accepted', message: expect.any(String) });

    const mail = await waitForMail(ws.email);
    expect(mail.subject).toBe('Reset your MRM AI Platform password');
    expect(mail.html).toContain('Choose a new password');
    expect(mail.messageId).toMatch(/^<auth\.password-reset\..+@mrm\.local>$/);
    const token = linkIn(mail, '/reset-password');
    // Once sent, the token is nowhere in the database: only its hash.
    const row = await owner.query('select sealed_token, token_hash from password_resets where user_id = $1', [ws.userId]);
    expect(row.rows).toEqual([{ sealed_token: null, token_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    expect((await api.post('/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
    expectProblem(await api.post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' }), 400, 'token');

    expect((await api.post('/api/v1/auth/login', { email: ws.email, password: PASSWORD })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: ws.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: ws.refreshToken })).status).toBe(401);
    expect(mailTo(ws.email)).toHaveLength(1);
  });

  it('writes a reset email in Russian for someone who chose no language, and refuses an expired link', async () => {
    const ws = await register(api);
    expect((await api.post('/api/v1/auth/password-reset', { email: ws.email })).status).toBe(202);
    const mail = await waitForMail(ws.email);
    expect(mail.subject).toBe('Сброс пароля MRM AI Platform');
    expect(mail.text).toContain('Задать новый пароль');
    const token = linkIn(mail, '/reset-password');
    await owner.query("update password_resets set expires_at = now() - interval '1 minute' where user_id = $1", [ws.userId]);
    const refused = await api.post('/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expectProblem(refused, 400, 'token');
    expect(refused.body.detail).toMatch(/expired/);
    expect((await api.post('/api/v1/auth/login', { email: ws.email, password: PASSWORD })).status).toBe(200);
  });

  it('answers an unknown address exactly like a known one and mails nothing', async () => {
    const ws = await register(api);
    const nobody = uniqueEmail('nobody');
    const unknown = await api.post('/api/v1/auth/password-reset', { email: nobody });
    const known = await api.post('/api/v1/auth/password-reset', { email: ws.email });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await waitForMail(ws.email);
    await emailJobsSettled(ws);
    expect(mailTo(nobody)).toEqual([]);
    const made = await owner.query('select count(*)::int as n from password_resets r join users u on u.id = r.user_id where u.email = $1', [nobody]);
    expect(made.rows[0].n).toBe(0);
  });

  it('refuses bad input with a problem naming the field', async () => {
    expectProblem(await api.post('/api/v1/auth/password-reset', {}), 400, 'email');
    expectProblem(await api.post('/api/v1/auth/password-reset', { email: 'not an address' }), 400, 'email');
    expectProblem(await api.post('/api/v1/auth/password-reset', { email: 'a@example.test', extra: 1 }), 400);
    expectProblem(await api.post('/api/v1/auth/password-reset/confirm', { password: NEW_PASSWORD }), 400, 'token');
    expectProblem(await api.post('/api/v1/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'short' }), 400, 'password');
    expectProblem(await api.post('/api/v1/auth/password-reset/confirm', { token: 'x'.repeat(43), password: NEW_PASSWORD }), 400, 'token');
    const ws = await register(api);
    expectProblem(await api.put('/api/v1/me/email-settings', { optedOut: ['no-such-email'] }, { token: ws.accessToken }), 400, 'optedOut.0');
    expectProblem(await api.put('/api/v1/me/email-settings', {}, { token: ws.accessToken }), 400, 'optedOut');
    expectProblem(await api.get('/api/v1/me/email-settings'), 401);
  });

  it('mails an invitation whose link joins the workspace', async () => {
    const ws = await register(api, 'Агентство «Приглашение»');
    const email = uniqueEmail('invitee');
    const inv = await api.post('/api/v1/invitations', { email, role: 'planner' }, { token: ws.accessToken });
    expect(inv.status).toBe(201);
    const mail = await waitForMail(email);
    expect(mail.subject).toBe('Приглашение в «Агентство «Приглашение»» на MRM AI Platform');
    expect(mail.html).toContain('Принять приглашение');
    const token = linkIn(mail, '/invite');
    const joined = await api.post('/api/v1/invitations/accept', { token, name: 'Новый планировщик', password: PASSWORD });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const sealed = await owner.query('select sealed_token from invitations where id = $1', [inv.body.id]);
    expect(sealed.rows[0].sealed_token).toBeNull();
  });

  it('tells the submitter about a decision in their language, honours opting out, and still sends invitations', async () => {
    const ws = await register(api, 'Агентство «Решение»');
    const planner = await addMember(api, ws, 'planner');
    await api.patch('/api/v1/me', { locale: 'en' }, { token: planner.token });
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token: ws.accessToken });
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна' }, { token: ws.accessToken });
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Spring <launch>' }, { token: planner.token });
    await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, { token: planner.token });
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token: planner.token })).status).toBe(200);
    const rejected = await api.post(`/api/v1/media-plans/${plan.body.id}/reject`, { comment: 'Budget > limit & dates "wrong"' }, { token: ws.accessToken });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);

    const mail = await waitForMail(planner.email, (m) => m.subject.startsWith('Rejected'));
    expect(mail.subject).toBe('Rejected: "Spring <launch>", version 1');
    expect(mail.text).toContain('Budget > limit & dates "wrong"');
    expect(mail.text).toContain(`${WEB}/plans/${plan.body.id}`);
    // Interpolated values are escaped in the HTML.
    expect(mail.html).toContain('Spring &lt;launch&gt;');
    expect(mail.html).toContain('Budget &gt; limit &amp; dates &quot;wrong&quot;');
    expect(mail.html).not.toContain('<launch>');
    expect(mail.html).toContain(`href="${WEB}/plans/${plan.body.id}"`);
    await emailJobsSettled(ws);
    // The decider is not told of their own decision.
    expect(mailTo(ws.email).filter((m) => /Отклонено|Rejected/.test(m.subject))).toEqual([]);

    // Opting out: the next decision sends nothing to the planner; an invitation to them still goes.
    const settings = await api.put('/api/v1/me/email-settings', { optedOut: ['plan-decided', 'plan-decided'] }, { token: planner.token });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ optedOut: ['plan-decided'] });
    expect((await api.get('/api/v1/me/email-settings', { token: planner.token })).body).toEqual({ optedOut: ['plan-decided'] });
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token: planner.token })).status).toBe(200);
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/approve`, { comment: 'OK' }, { token: ws.accessToken })).status).toBe(200);
    const other = await register(api, 'Другое агентство');
    await api.patch('/api/v1/me', { locale: 'en' }, { token: other.accessToken });
    expect((await api.post('/api/v1/invitations', { email: planner.email, role: 'viewer' }, { token: other.accessToken })).status).toBe(201);
    await waitForMail(planner.email, (m) => m.subject.includes('Другое агентство'));
    await emailJobsSettled(ws);
    expect(mailTo(planner.email).filter((m) => m.subject.startsWith('Approved'))).toEqual([]);
    const done = await api.get('/api/v1/admin/jobs?state=completed&queue=email&limit=200', { token: ws.accessToken });
    expect(done.body.items.map((j: { name: string }) => j.name)).toContain('plan.decided');
  });

  it('tells the submitter and the approvers, once each, that the client signed off through the link', async () => {
    const ws = await register(api, 'Агентство «Клиент»');
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token: ws.accessToken });
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна' }, { token: ws.accessToken });
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Весна' }, { token: ws.accessToken });
    await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, { token: ws.accessToken });
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token: ws.accessToken })).status).toBe(200);
    const share = await api.post(`/api/v1/media-plans/${plan.body.id}/share`, { expiresInDays: 7 }, { token: ws.accessToken });
    expect(share.status).toBe(201);
    const signed = await api.post(`/api/v1/public/approvals/${share.body.token}/approve`, { name: 'Иван Петров', comment: 'Согласовано' });
    expect(signed.status, JSON.stringify(signed.body)).toBeLessThan(300);
    const mail = await waitForMail(ws.email, (m) => m.subject.startsWith('Клиент'));
    expect(mail.subject).toBe('Клиент согласовал «Весна», версия 1');
    expect(mail.text).toContain('Иван Петров («ООО «Ромашка»»)');
    await emailJobsSettled(ws);
    // The owner submitted, created and may approve the plan: one message all the same.
    expect(mailTo(ws.email).filter((m) => m.subject.startsWith('Клиент'))).toHaveLength(1);
  });
});
