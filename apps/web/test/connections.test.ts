import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';
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
  });
});
