import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';
import { seriousViolations } from './axe.js';

const base = inject('webUrl');

/** "/clients/<uuid>" → "clients-one": one screenshot per kind of screen. */
const screenName = (path: string) => (path === '/' ? 'overview' : path.slice(1).replace(/[0-9a-f-]{36}|msl_[\w-]+/g, 'one').replace(/\//g, '-'));

describe('accessibility of the main pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has no serious or critical axe findings, and fits a laptop screen, on login, sign-up, overview, clients, a client, a project, a plan, the sign-off page, notifications, matching, the administration pages and the reports pages', async () => {
    const email = `a11y-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'A11y Agency', name: 'P', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, accessToken);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'P', budget: '1000.00' }, accessToken);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'План' }, accessToken);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'L', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '100.00', channel: 'TV' }, accessToken);
    await post(`/api/v1/media-plans/${plan.id}/submit`, {}, accessToken);
    const share = await post(`/api/v1/media-plans/${plan.id}/share`, {}, accessToken);
    // Filled tables on the administration pages: an open invitation and a machine client.
    await post('/api/v1/invitations', { email: `guest-${email}`, role: 'viewer', clientId: c.id }, accessToken);
    await post('/api/v1/oauth-clients', { name: 'BI', scopes: ['clients:read'] }, accessToken);
    // A report in the history and a schedule in the list.
    const report = await post('/api/v1/reports', { type: 'pacing', format: 'xlsx', params: { planId: plan.id } }, accessToken);
    await post('/api/v1/report-schedules', { name: 'Еженедельно', report: { type: 'pacing', format: 'csv', params: { planId: plan.id } }, cron: '0 9 * * 1', recipients: [email] }, accessToken);

    // A laptop screen: every page fits its width (the editor's grid scrolls inside itself).
    const page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 720 } })).newPage();
    const findings: Record<string, string[]> = {};
    const sideways = async () => ((await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) ? ['the page scrolls sideways at 1280 px'] : []);
    for (const path of ['/login', '/signup', '/invite']) {
      await page.goto(`${base}${path}`);
      findings[path] = [...(await seriousViolations(page)), ...(await sideways())];
      await page.screenshot({ path: `${SHOTS}/laptop-${screenName(path)}.png`, fullPage: true });
    }
    await logIn(page, email, 'a long passphrase');
    for (const path of ['/', '/clients', `/clients/${c.id}`, `/projects/${p.id}`, `/plans/${plan.id}`, new URL(share.url).pathname, '/connections', '/notifications', `/plans/${plan.id}/matching`, '/admin', '/admin/members', '/admin/oauth-clients', '/admin/audit', '/reports', `/reports/${report.id}`, '/reports/new', '/reports/schedules']) {
      await page.goto(`${base}${path}`);
      findings[path] = [...(await seriousViolations(page)), ...(await sideways())];
      await page.screenshot({ path: `${SHOTS}/laptop-${screenName(path)}.png`, fullPage: true });
    }
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, []])));
  });
});
