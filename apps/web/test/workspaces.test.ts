import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { post } from './api.js';
import { launch } from './browser.js';

const base = inject('webUrl');
const api = inject('apiUrl');

/** An agency with one client, inviting `email` as a planner; returns the invitation code and the owner's token. */
async function agencyInviting(name: string, client: string, email: string): Promise<{ code: string; owner: string }> {
  const { accessToken } = await post('/api/v1/auth/register', { tenantName: name, name: 'Owner', email: `owner-${randomBytes(4).toString('hex')}@example.test`, password: 'a long passphrase' });
  await post('/api/v1/clients', { name: client }, accessToken);
  return { code: (await post('/api/v1/invitations', { email, role: 'planner' }, accessToken)).token, owner: accessToken };
}

describe('joining agencies and switching between them', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('accepts two invitations in the browser and switches workspace from the header', async () => {
    const email = `planner-${randomBytes(4).toString('hex')}@example.test`;
    const north = await agencyInviting('Агентство «Север»', 'Клиент Севера', email);
    const south = await agencyInviting('Агентство «Юг»', 'Клиент Юга', email);
    const page = await (await browser.newContext({ locale: 'ru-RU', acceptDownloads: true })).newPage();

    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Принять приглашение' }).click();
    await page.getByLabel('Код приглашения').fill(north.code);
    await page.getByLabel('Ваше имя (если аккаунта ещё нет)').fill('Пётр');
    await page.getByLabel('Пароль (новый или от вашего аккаунта)').fill('another long passphrase');
    await page.getByRole('button', { name: 'Принять приглашение' }).click();
    await page.waitForURL(`${base}/`);

    // The second agency: the same person, so the password of the existing account.
    await page.goto(`${base}/invite?token=${encodeURIComponent(south.code)}`);
    await page.getByLabel('Пароль (новый или от вашего аккаунта)').fill('another long passphrase');
    await page.getByRole('button', { name: 'Принять приглашение' }).click();
    await page.waitForURL(`${base}/`);

    await page.goto(`${base}/clients`);
    await page.getByRole('link', { name: 'Клиент Юга' }).waitFor();
    expect(await page.getByRole('link', { name: 'Клиент Севера' }).count()).toBe(0);

    await page.getByLabel('Агентство').selectOption({ label: 'Агентство «Север»' });
    await page.getByRole('button', { name: 'OK' }).first().click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/clients`);
    await page.getByRole('link', { name: 'Клиент Севера' }).waitFor();
    expect(await page.getByRole('link', { name: 'Клиент Юга' }).count()).toBe(0);

    // Files go through the web server too, and act in the chosen agency like every other call.
    const clients = await (await fetch(`${api}/api/v1/clients`, { headers: { authorization: `Bearer ${north.owner}` } })).json();
    const project = await post('/api/v1/projects', { clientId: clients.items[0].id, name: 'P' }, north.owner);
    const plan = await post('/api/v1/media-plans', { projectId: project.id, name: 'План Севера' }, north.owner);
    await page.goto(`${base}/plans/${plan.id}`);
    const dir = mkdtempSync(join(tmpdir(), 'mrm-ws-'));
    writeFileSync(join(dir, 'lines.csv'), 'Название;Начало;Окончание;Бюджет\nСтрока;01.03.2027;31.03.2027;100\n');
    await page.getByLabel('Файл .xlsx, .csv или .json').setInputFiles(join(dir, 'lines.csv'));
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByTestId('import-status').getByText('Строк в файле: 1').waitFor();
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByTestId('import-status').getByText('Загружено строк: 1').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('План Севера.xlsx');

    // North removes the planner while North is the chosen agency: the page offers the way back.
    const members = await (await fetch(`${api}/api/v1/members`, { headers: { authorization: `Bearer ${north.owner}` } })).json();
    const planner = members.items.find((m: { email: string }) => m.email === email);
    await fetch(`${api}/api/v1/members/${planner.userId}`, { method: 'DELETE', headers: { authorization: `Bearer ${north.owner}` } });
    await page.goto(`${base}/`);
    await page.getByText('Вы больше не состоите в выбранном агентстве.').waitFor();
    await page.getByRole('button', { name: 'Вернуться в своё агентство' }).click();
    await page.getByText('Вы больше не состоите в выбранном агентстве.').waitFor({ state: 'detached' });
    await page.goto(`${base}/clients`);
    await page.getByRole('link', { name: 'Клиент Юга' }).waitFor();
  });

  it('shows why an invitation code does not work', async () => {
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await page.goto(`${base}/invite`);
    await page.getByLabel('Код приглашения').fill(`inv_${'x'.repeat(43)}`);
    await page.getByLabel('Пароль (новый или от вашего аккаунта)').fill('whatever password');
    await page.getByRole('button', { name: 'Принять приглашение' }).click();
    await page.waitForURL(/\/invite\?error=/);
    expect(await page.locator('p.error').textContent()).toMatch(/Invitation/);
  });
});
