import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PASSWORD, register, uniqueEmail, type Api } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer, type RunningServer } from './setup/servers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './setup/smtp-sink.js';

// With SMTP_URL set, mail goes to a real SMTP server (a sink started here), parsed as a mail client would.
describe('mail over SMTP', () => {
  let sink: SmtpSink;
  let inbox: ReceivedMail[];
  let server: RunningServer;
  let api: Api;

  beforeAll(async () => {
    sink = await startSmtpSink();
    inbox = sink.inbox;
    server = await startServer({ SMTP_URL: sink.url, OUTBOX_POLL_MS: '100', WEB_ORIGIN: 'https://app.example.test' });
    api = client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  it('delivers the approval request to each approver in their language, with a working link, and writes no files', async () => {
    const owner = await register(api, 'Агентство');
    const adminEmail = uniqueEmail('admin');
    const invite = await api.post('/api/v1/invitations', { email: adminEmail, role: 'admin' }, { token: owner.accessToken });
    const joined = await api.post('/api/v1/invitations/accept', { token: invite.body.token, name: 'Admin', password: PASSWORD });
    await api.patch('/api/v1/me', { locale: 'en' }, { token: joined.body.accessToken });
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token: owner.accessToken });
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна' }, { token: owner.accessToken });
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Медиаплан «Весна»' }, { token: owner.accessToken });
    await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, { token: owner.accessToken });
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, { token: owner.accessToken })).status).toBe(200);

    // The admin's invitation came by mail too; these are the approval requests.
    const requests = () => inbox.filter((m) => /^(На согласование|For approval)/.test(m.subject));
    await until(async () => requests().length >= 2, 30_000);
    const ru = requests().find((m) => m.to.includes(owner.email))!;
    const en = requests().find((m) => m.to.includes(adminEmail))!;
    expect(ru.subject).toBe('На согласование: «Медиаплан «Весна»», версия 1');
    expect(en.subject).toBe('For approval: "Медиаплан «Весна»", version 1');
    const link = `https://app.example.test/plans/${plan.body.id}`;
    expect(ru.text).toContain(link);
    expect(en.text).toContain(link);
    // Named by the job and the recipient, so a resent message is recognisably the same one.
    expect(ru.messageId).toMatch(/^<plan\.review-requested\..+@mrm\.local>$/);
    expect(new Set(inbox.map((m) => m.messageId)).size).toBe(inbox.length);
    expect(existsSync(join(dirname(server.logFile), 'data', 'mail-outbox'))).toBe(false);
  });
});
