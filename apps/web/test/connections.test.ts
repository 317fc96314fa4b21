import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';
import { liveFlight, syncVkSandbox } from './sandbox.js';
import { SHOTS } from './shots.js';

describe('connecting an ad platform in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a VK Ads connection to the sandbox, tests it, syncs it and watches the rows arrive', async () => {
    const email = `buyer-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Связь»', name: 'Оля', email, password: 'a long passphrase' });
    await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, accessToken);
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.getByRole('link', { name: 'Подключения' }).click();
    await page.getByText('Подключений пока нет.').waitFor();

    await page.getByLabel('Площадка').selectOption({ label: 'VK Реклама' });
    await page.getByLabel('Название').fill('VK Реклама — Ромашка');
    await page.getByLabel('Идентификаторы аккаунтов').fill('900001');
    await page.getByLabel('Токен доступа').fill('sandbox-vk-token-1');
    await page.getByRole('button', { name: 'Подключить' }).click();
    await page.getByText('Подключено.', { exact: false }).waitFor();
    const row = page.getByTestId('connection-VK Реклама — Ромашка');
    await row.waitFor();
    expect(await row.getByTestId('run-status').textContent()).toContain('ещё не загружалось');
    // The secret went in and never comes back out.
    expect(await page.content()).not.toContain('sandbox-vk-token-1');

    await row.getByRole('button', { name: 'Проверить' }).click();
    await row.getByText('900001: ✓').waitFor();

    await row.getByRole('button', { name: 'Загрузить сейчас' }).click();
    await row.getByTestId('run-status').getByText('Загружено').waitFor({ timeout: 30_000 });
    expect(Number(await row.getByTestId('run-rows').textContent())).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/connections.png`, fullPage: true });

    // Its own page: what was stored, every run with its window and rows, and pausing the schedule.
    await row.getByRole('link', { name: 'VK Реклама — Ромашка' }).click();
    await page.getByRole('heading', { name: /VK Реклама — Ромашка/ }).waitFor();
    const runs = page.getByTestId('runs');
    expect(await runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.locator('tbody tr').first().textContent()).toMatch(/вручную.*Загружено/);
    const rows = Number((await runs.locator('tbody tr td').nth(5).textContent())?.replace(/\D/g, ''));
    expect(rows).toBeGreaterThan(0);
    expect(await page.getByTestId('connection-stats').textContent()).toContain('RUB');
    await page.getByRole('button', { name: 'Приостановить загрузку по расписанию' }).click();
    await page.getByTestId('connection-state').getByText('на паузе').waitFor();
    await page.getByRole('button', { name: 'Возобновить загрузку по расписанию' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/connection.png`, fullPage: true });
  });

  it('shows a synced line against its plan on the plan page: planned to date, actual, pacing', async () => {
    const email = `planner-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Темп»', name: 'Ира', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Always-on' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'VK сейчас' }, token);
    const { start, end } = liveFlight();
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'VK — охват, видео', startDate: start, endDate: end, costTotal: '2000000', externalIds: ['12000001'] }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'ТВ без кампании', startDate: start, endDate: end, costTotal: '500000' }, token);
    await syncVkSandbox(token, c.id);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${inject('webUrl')}/plans/${plan.id}`);
    const table = page.getByTestId('performance');
    await table.waitFor();
    const vk = table.getByRole('row', { name: /VK — охват, видео/ });
    expect(await vk.locator('td').nth(1).textContent()).not.toBe('—');
    expect(await vk.locator('.badge').textContent()).toMatch(/% · (в плане|опережает|отстаёт)$/);
    expect(await table.getByRole('row', { name: /ТВ без кампании/ }).textContent()).toContain('нет факта');
    await page.screenshot({ path: `${SHOTS}/plan-performance.png`, fullPage: true });

    // Approved, the plan counts on the overview's spend-against-plan card, its line among those off pace.
    await post(`/api/v1/media-plans/${plan.id}/submit`, {}, token);
    await post(`/api/v1/media-plans/${plan.id}/approve`, {}, token);
    await page.goto(`${inject('webUrl')}/`);
    const card = page.getByTestId('pacing-card');
    await card.getByRole('heading', { name: 'Расход против плана' }).waitFor();
    expect(await card.getByRole('link', { name: 'VK — охват, видео' }).count()).toBe(1);
  });
});
