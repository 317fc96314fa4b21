import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';
import { liveFlight, syncVkSandbox } from './sandbox.js';
import { SHOTS } from './shots.js';

describe('notifications in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('counts a pacing alert on the bell, shows it with its plan, and clears it once read', async () => {
    const email = `bell-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Звонок»', name: 'Вера', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Always-on' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'VK: слишком большой бюджет' }, token);
    const { start, end } = liveFlight();
    // A budget no sandbox campaign comes near: far behind plan.
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — охват на миллиард', startDate: start, endDate: end, costTotal: '900000000', externalIds: ['12000001'] }, token);
    await syncVkSandbox(token, c.id);
    await post(`/api/v1/media-plans/${plan.id}/submit`, {}, token);
    await post(`/api/v1/media-plans/${plan.id}/approve`, {}, token);
    // Reading the approved plan's performance as of today is what raises the alert.
    expect((await call('GET', `/api/v1/media-plans/${plan.id}/performance`, undefined, token)).status).toBe(200);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    const bell = page.getByTestId('bell');
    expect(await bell.getAttribute('aria-label')).toBe('Уведомления: непрочитанных 1');
    expect(await bell.locator('.count').textContent()).toBe('1');
    await bell.click();
    await page.getByRole('heading', { name: 'Уведомления' }).waitFor();
    const notice = page.getByTestId('notice');
    expect(await notice.textContent()).toContain('VK — охват на миллиард отстаёт от плана');
    expect(await notice.getByRole('link', { name: 'VK: слишком большой бюджет' }).getAttribute('href')).toBe(`/plans/${plan.id}`);
    await page.screenshot({ path: `${SHOTS}/notifications.png`, fullPage: true });

    await notice.getByRole('button', { name: 'Прочитано' }).click();
    await page.getByTestId('unread-summary').getByText('Непрочитанных нет.').waitFor();
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('Уведомления: непрочитанных 0');
    expect(await page.getByTestId('bell').locator('.count').count()).toBe(0);
    await page.goto(`${inject('webUrl')}/notifications`);
    expect(await page.getByTestId('notice').getAttribute('class')).toBe('read');
  });
});
