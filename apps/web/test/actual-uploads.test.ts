import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const ru = (isoDate: string) => isoDate.split('-').reverse().join('.');

describe('uploading actuals from a file in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uploads a CSV with Russian headers, fixes the mapping, imports it and sees the actuals against the plan', async () => {
    const email = `buyer-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Файл»', name: 'Вера', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Telegram' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'Telegram сейчас' }, token);
    const now = new Date();
    const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
    const end = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)));
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Telegram Ads — посевы', startDate: start, endDate: end, costTotal: '900000', externalIds: ['tg-501'] }, token);

    // An export as a planner keeps it: semicolons, decimal commas, a BOM, and two headers no
    // dictionary knows («Код РК», «Конв.»), which the planner maps by hand.
    const days = [2, 1].map((n) => iso(new Date(now.getTime() - n * 86_400_000)));
    const csv = ['\uFEFFДата;Код РК;Кампания;Показы;Клики;Расход, руб.;Конв.', `${ru(days[0])};tg-501;Посевы;12 000;150;10 500,25;3`, `${ru(days[1])};tg-501;Посевы;8 000;90;7 000,00;2`, ''].join('\r\n');
    const dir = mkdtempSync(join(tmpdir(), 'mrm-upload-'));
    const file = join(dir, 'Telegram — факт.csv');
    writeFileSync(file, csv);

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${inject('webUrl')}/clients/${c.id}`);
    await page.getByRole('link', { name: 'Факт из файлов' }).click();
    await page.getByText('Файлов пока нет.').waitFor();
    await page.getByLabel('Файл (CSV или XLSX)').setInputFiles(file);
    await page.getByLabel('Источник').fill('Telegram Ads');
    await page.getByRole('button', { name: 'Загрузить' }).click();

    await page.getByRole('heading', { name: 'Telegram — факт.csv' }).waitFor();
    const preview = page.getByTestId('upload-preview');
    expect(await preview.locator('tbody tr').first().textContent()).toContain('10 500,25');
    expect(await page.getByLabel('Поле: Дата').inputValue()).toBe('date');
    expect(await page.getByLabel('Поле: Расход, руб.').inputValue()).toBe('cost');
    expect(await page.getByLabel('Поле: Код РК').inputValue()).toBe('');
    expect(await page.getByLabel('Валюта по умолчанию').inputValue()).toBe('RUB');
    await page.getByLabel('Поле: Код РК').selectOption({ label: 'ID кампании' });
    await page.getByLabel('Поле: Конв.').selectOption({ label: 'Конверсии' });
    await page.screenshot({ path: `${SHOTS}/actual-upload-mapping.png`, fullPage: true });
    await page.getByRole('button', { name: 'Импортировать' }).click();
    await page.getByTestId('upload-status').getByText(/^Импортирован/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('upload-status').textContent()).toContain('2 строки');

    await page.getByRole('link', { name: 'Факт из файлов' }).click();
    expect(await page.getByTestId('upload-history').textContent()).toContain('Telegram — факт.csv');

    await page.goto(`${inject('webUrl')}/plans/${plan.id}`);
    const table = page.getByTestId('performance');
    await table.waitFor();
    const line = table.getByRole('row', { name: /Telegram Ads — посевы/ });
    expect((await line.locator('td').nth(1).textContent())?.replace(/\s/g, ' ')).toContain('17 500,25');
    await page.screenshot({ path: `${SHOTS}/actual-upload-performance.png`, fullPage: true });
  });

  it('shows row errors with their row numbers and imports nothing', async () => {
    const email = `analyst-${randomBytes(4).toString('hex')}@example.test`;
    const { accessToken: token } = await post('/api/v1/auth/register', { tenantName: 'Агентство «Ошибка»', name: 'Лев', email, password: 'a long passphrase' });
    const c = await post('/api/v1/clients', { name: 'ООО «Лютик»' }, token);
    const dir = mkdtempSync(join(tmpdir(), 'mrm-upload-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'Дата;ID кампании;Показы;Расход\n01.03.2026;c1;100;10\n31.02.2026;c1;сто;10\n');

    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await logIn(page, email, 'a long passphrase');
    await page.goto(`${inject('webUrl')}/clients/${c.id}/uploads`);
    await page.getByLabel('Файл (CSV или XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByRole('heading', { name: 'bad.csv' }).waitFor();
    await page.getByLabel('Валюта по умолчанию').fill('RUB');
    await page.getByRole('button', { name: 'Импортировать' }).click();
    const errors = page.getByTestId('upload-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('строка 3, Дата');
    expect(await errors.textContent()).toContain('строка 3, Показы');
    expect(await page.getByTestId('upload-status').textContent()).toBe('Есть ошибки');
  });
});
