import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { call, logIn, post } from './api.js';
import { launch } from './browser.js';
import { liveFlight, syncVkSandbox } from './sandbox.js';
import { SHOTS } from './shots.js';

describe('matching plan lines to platform campaigns in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers the campaign a line is named after, confirms it, and the line then shows actuals', async () => {
    const email = `matcher-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Пара»', name: 'Лена', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Always-on' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'VK: сопоставление' }, token);
    const { start, end } = liveFlight();
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — трафик на сайт', partner: 'VK', startDate: start, endDate: end, costTotal: '1500000' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — лид-формы', partner: 'VK', startDate: start, endDate: end, costTotal: '900000' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Наружная реклама', partner: 'Gallery', startDate: start, endDate: end, costTotal: '700000' }, token);
    await syncVkSandbox(token, c.id);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${inject('webUrl')}/plans/${plan.id}`);
    await page.getByTestId('open-matching').click();
    await page.getByRole('heading', { name: 'Сопоставление кампаний' }).waitFor();
    expect(await page.getByTestId('matching-summary').textContent()).toContain('Сопоставлено строк: 0 из 3');

    const traffic = page.getByTestId('match-VK — трафик на сайт');
    expect(await traffic.locator('td').nth(1).textContent()).toContain('Трафик на сайт (12000011)');
    // Nothing looks like outdoor among the VK campaigns: no suggestion rather than a wrong one.
    expect((await page.getByTestId('match-Наружная реклама').locator('td').nth(1).textContent())?.trim()).toBe('');
    await page.screenshot({ path: `${SHOTS}/matching.png`, fullPage: true });

    await traffic.getByRole('button', { name: 'Подтвердить Трафик на сайт' }).click();
    await traffic.locator('td').first().getByText('VK Реклама · Трафик на сайт (12000011)').waitFor();
    const line = (await (await call('GET', `/api/v1/media-plans/${plan.id}/line-items`, undefined, token)).json()).items.find((l: { name: string }) => l.name === 'VK — трафик на сайт');
    expect(line.externalIds).toEqual(['12000011']);

    // The rest in one go: the lead-forms line takes its campaign; the outdoor line stays planned only.
    await page.getByRole('button', { name: /Подтвердить лучшую подсказку/ }).click();
    await page.getByTestId('matching-summary').getByText('Сопоставлено строк: 2 из 3').waitFor();

    // A wrong match is taken back as easily.
    const leads = page.getByTestId('match-VK — лид-формы');
    await leads.getByRole('button', { name: 'Убрать Лид-формы' }).click();
    await page.getByTestId('matching-summary').getByText('Сопоставлено строк: 1 из 3').waitFor();

    await page.goto(`${inject('webUrl')}/plans/${plan.id}`);
    const row = page.getByTestId('performance').getByRole('row', { name: /VK — трафик на сайт/ });
    expect(await row.locator('.badge').textContent()).toMatch(/% · (в плане|опережает|отстаёт)$/);
  });

  it('refuses a stale confirmation with the reason instead of overwriting a change made meanwhile', async () => {
    const email = `matcher-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Два окна»', name: 'Аня', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Always-on' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'VK: два окна' }, token);
    const { start, end } = liveFlight();
    const line = await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — ретаргетинг', partner: 'VK', startDate: start, endDate: end, costTotal: '500000' }, token);
    await syncVkSandbox(token, c.id);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${inject('webUrl')}/plans/${plan.id}/matching`);
    const row = page.getByTestId('match-VK — ретаргетинг');
    await row.waitFor();
    // Someone else edits the line while this page is open.
    const edited = await fetch(`${inject('apiUrl')}/api/v1/media-plans/${plan.id}/line-items/${line.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'if-match': '"v1"' },
      body: JSON.stringify({ costTotal: '600000' }),
    });
    expect(edited.status, await edited.text()).toBe(200);
    await row.getByRole('button', { name: 'Подтвердить Ретаргетинг' }).click();
    // (Next's route announcer is an alert too: ours is the paragraph.)
    const alert = page.locator('p[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Пока вы работали, это изменил кто-то другой');
    const after = (await (await call('GET', `/api/v1/media-plans/${plan.id}/line-items`, undefined, token)).json()).items[0];
    expect(after).toMatchObject({ costTotal: '600000.00', externalIds: [] });
  });
});
