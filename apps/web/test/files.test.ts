import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';

const base = inject('webUrl');
const EXAMPLE = fileURLToPath(new URL('../../../docs/examples/vesna-2027.xlsx', import.meta.url));

/** A signed-in planner on a fresh draft plan (set up through the API, then logged in through the page). */
async function onNewPlan(browser: Browser): Promise<Page> {
  const email = `files-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'Files Agency', name: 'P', email, password: 'a long passphrase' });
  const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, accessToken);
  const p = await post('/api/v1/projects', { clientId: c.id, name: 'P' }, accessToken);
  const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'Из Excel' }, accessToken);
  const page = await (await browser.newContext({ locale: 'ru-RU', acceptDownloads: true })).newPage();
  await logIn(page, email, 'a long passphrase');
  await page.goto(`${base}/plans/${plan.id}`);
  return page;
}

describe('plans from and to files in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('checks an Excel file, shows the column mapping, imports 50 lines, and downloads the plan', async () => {
    const page = await onNewPlan(browser);
    await page.getByLabel('Файл .xlsx, .csv или .json').setInputFiles(EXAMPLE);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByTestId('import-status').getByText('Строк в файле: 50').waitFor();
    expect(await page.getByLabel('Поле: Бюджет').inputValue()).toBe('costTotal');
    expect(await page.getByLabel('Поле: Название').inputValue()).toBe('name');
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByTestId('import-status').getByText('Загружено строк: 50').waitFor();
    // The editor shows the imported lines at once, with their total.
    await page.getByRole('heading', { name: '50 строк', exact: true }).waitFor();
    expect(await page.getByTestId('total-net').textContent()).not.toBe('0,00 ₽');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('Из Excel.xlsx');
  });

  it('lists every bad cell with its row and column and imports nothing', async () => {
    const page = await onNewPlan(browser);
    const dir = mkdtempSync(join(tmpdir(), 'mrm-csv-'));
    const csv = join(dir, 'plan.csv');
    writeFileSync(csv, 'Название;Начало;Окончание;Бюджет\nОК;01.03.2027;31.03.2027;100\nПлохо;01.03.2027;31.03.2027;много\n');
    await page.getByLabel('Файл .xlsx, .csv или .json').setInputFiles(csv);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('строка 3, Бюджет');
    expect(await page.getByRole('button', { name: 'Загрузить' }).isDisabled()).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: '0 строк', exact: true }).waitFor();
  });
});
