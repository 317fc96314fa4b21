import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { logIn, post } from './api.js';
import { launch } from './browser.js';
import { SHOTS } from './shots.js';

const base = inject('webUrl');
const PASSWORD = 'a long passphrase';
const nbsp = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

/** The rows of a chart's table (opened from its "show as a table" control), as text. */
async function tableOf(figure: Locator, label: string): Promise<string[][]> {
  await figure.getByText(label).click();
  const rows = figure.getByRole('table').getByRole('row');
  await rows.first().waitFor();
  const out: string[][] = [];
  for (const row of await rows.all()) out.push((await row.getByRole('cell').or(row.getByRole('rowheader')).or(row.getByRole('columnheader')).allTextContents()).map(nbsp));
  return out;
}

async function agency(): Promise<{ page: (locale: string) => Promise<Page>; token: string }> {
  const email = `charts-${randomBytes(4).toString('hex')}@example.test`;
  const { accessToken } = await post('/api/v1/auth/register', { tenantName: 'Charts Agency', name: 'Ira', email, password: PASSWORD });
  return {
    token: accessToken,
    page: async (locale: string) => {
      const p = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
      await logIn(p, email, PASSWORD);
      if (locale === 'en') {
        await p.getByLabel('Язык').selectOption('en');
        await p.getByRole('button', { name: 'OK' }).click();
        await p.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      }
      return p;
    },
  };
}

let browser: Browser;

describe('the overview charts and the admin metrics', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts the current plans’ budget by channel and by month, with the numbers as a table, in Russian and English', async () => {
    const { page, token } = await agency();
    const c = await post('/api/v1/clients', { name: 'ООО «Ромашка»' }, token);
    const p = await post('/api/v1/projects', { clientId: c.id, name: 'Весна' }, token);
    const plan = await post('/api/v1/media-plans', { projectId: p.id, name: 'План' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'ТВ', channel: 'TV', startDate: '2027-03-01', endDate: '2027-04-30', costTotal: '2000000.00' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Директ', channel: 'Digital', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1500000.50' }, token);
    await post(`/api/v1/media-plans/${plan.id}/line-items`, { name: 'Прочее', startDate: '2027-04-01', endDate: '2027-04-30', costTotal: '100.00' }, token);

    const ru = await page('ru');
    await ru.getByRole('heading', { level: 2, name: 'Бюджет текущих планов' }).waitFor();
    expect(nbsp(await ru.getByTestId('budget-total-RUB').textContent())).toBe('RUB: 1 план, итого 3 500 100,50 ₽');
    const byChannel = ru.getByRole('figure', { name: 'Бюджет по каналам, RUB' });
    // The drawing is there for the eye (recharts' SVG), hidden from screen readers.
    await byChannel.locator('svg.recharts-surface').waitFor();
    expect(await byChannel.locator('[aria-hidden="true"]').count()).toBeGreaterThan(0);
    expect(await tableOf(byChannel, 'Показать таблицей')).toEqual([
      ['Канал', 'Бюджет'],
      ['TV', '2 000 000,00 ₽'],
      ['Digital', '1 500 000,50 ₽'],
      ['Без канала', '100,00 ₽'],
    ]);
    const byMonth = ru.getByRole('figure', { name: 'Бюджет по месяцам, RUB' });
    expect(await tableOf(byMonth, 'Показать таблицей')).toEqual([
      ['Месяц', 'Бюджет'],
      ['март 2027 г.', '2 516 394,09 ₽'],
      ['апр. 2027 г.', '983 706,41 ₽'],
    ]);
    await ru.screenshot({ path: `${SHOTS}/dashboard-charts.png`, fullPage: true });

    const en = await page('en');
    const enMonth = en.getByRole('figure', { name: 'Budget by month, RUB' });
    expect(await tableOf(enMonth, 'Show as a table')).toEqual([
      ['Month', 'Budget'],
      ['Mar 2027', 'RUB 2,516,394.09'],
      ['Apr 2027', 'RUB 983,706.41'],
    ]);
    expect(nbsp(await en.getByTestId('budget-total-RUB').textContent())).toBe('RUB: 1 plan, total RUB 3,500,100.50');
  });

  it('shows an owner the workspace’s active users, projects created and API calls, with a chart of calls per day', async () => {
    const { page, token } = await agency();
    const c = await post('/api/v1/clients', { name: 'Клиент' }, token);
    for (const name of ['Первый', 'Второй', 'Третий']) await post('/api/v1/projects', { clientId: c.id, name }, token);
    const ru = await page('ru');
    await ru.getByRole('link', { name: 'Администрирование' }).click();
    await ru.waitForURL(`${base}/admin`);
    await ru.getByRole('heading', { level: 1, name: 'Показатели' }).waitFor();
    expect(nbsp(await ru.getByTestId('metric-active24h').textContent())).toBe('1из 1 участника');
    expect(await ru.getByTestId('metric-projects7d').textContent()).toBe('3');
    expect(await ru.getByTestId('metric-projects30d').textContent()).toBe('3');
    const today = Number(await ru.getByTestId('metric-callsToday').textContent());
    expect(today).toBeGreaterThan(5);
    const chart = ru.getByRole('figure', { name: 'Вызовы API по дням, последние 30 дней' });
    await chart.locator('svg.recharts-surface').waitFor();
    const rows = await tableOf(chart, 'Показать таблицей');
    expect(rows).toHaveLength(31);
    expect(rows[0]).toEqual(['День', 'Вызовы API', 'Создано проектов']);
    const d = new Date();
    const todayRu = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
    expect(rows[30][0]).toBe(todayRu);
    expect(rows[30][2]).toBe('3');
    expect(Number(rows[30][1].replace(/\s/g, ''))).toBeGreaterThanOrEqual(today);
    await ru.screenshot({ path: `${SHOTS}/admin-metrics.png`, fullPage: true });
  });
});
